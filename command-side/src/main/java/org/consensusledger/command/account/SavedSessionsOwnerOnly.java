package org.consensusledger.command.account;

import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.LifecycleListener;
import org.apache.catalina.session.StandardManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The console's sessions saved when the command side stops ({@code server.servlet.session.persistent}: Tomcat writes
 * {@code SESSIONS.ser} into {@code server.servlet.session.store-dir}) are their owner's alone ({@code rw-------}):
 * the file names every open session, each as good as a signed-in account. Tomcat writes it with the process's umask
 * (usually {@code rw-r--r--}); once the web application has stopped, and so written it, it is tightened here.
 */
@Component
class SavedSessionsOwnerOnly implements TomcatContextCustomizer {

    private static final Logger LOGGER = LoggerFactory.getLogger(SavedSessionsOwnerOnly.class);

    @Override
    public void customize(Context context) {
        context.addLifecycleListener(new Tightener(context));
    }

    /** Tightens the context's saved sessions file when the context has stopped (its sessions are written by then). */
    record Tightener(Context context) implements LifecycleListener {

        @Override
        public void lifecycleEvent(LifecycleEvent event) {
            if (Lifecycle.AFTER_STOP_EVENT.equals(event.getType())
                    && context.getManager() instanceof StandardManager manager && manager.getPathname() != null) {
                ownerOnly(Path.of(manager.getPathname()));
            }
        }
    }

    static void ownerOnly(Path file) {
        if (!Files.isRegularFile(file)
                || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            LOGGER.warn("Could not make the console's saved sessions {} their owner's alone: {}", file, e.toString());
        }
    }
}
