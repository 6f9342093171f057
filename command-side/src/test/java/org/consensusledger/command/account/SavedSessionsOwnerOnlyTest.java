package org.consensusledger.command.account;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleEvent;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.session.StandardManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's sessions, saved by Tomcat when the command side stops, are left their owner's alone. */
class SavedSessionsOwnerOnlyTest {

    @Test
    void theSessionsFileWrittenAsTheContextStopsIsMadeOwnerOnly(@TempDir Path directory) throws Exception {
        Path saved = directory.resolve("SESSIONS.ser");
        StandardContext context = new StandardContext();
        StandardManager manager = new StandardManager();
        manager.setPathname(saved.toString());
        context.setManager(manager);
        new SavedSessionsOwnerOnly().customize(context);
        // As Tomcat writes it while the context stops: with the process's umask.
        Files.writeString(saved, "sessions");
        Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-r--r--"));

        for (var listener : context.findLifecycleListeners()) {
            listener.lifecycleEvent(new LifecycleEvent(context, Lifecycle.AFTER_STOP_EVENT, null));
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
        assertThat(Files.readString(saved)).isEqualTo("sessions");
    }
}
