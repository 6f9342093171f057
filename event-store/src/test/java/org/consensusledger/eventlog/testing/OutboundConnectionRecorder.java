package org.consensusledger.eventlog.testing;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.Permission;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Sees every attempt of the JVM to reach a host that is not this machine — socket connections, HTTP clients and DNS
 * look-ups alike all pass the security manager's {@code checkConnect} first — records it and refuses it, so that
 * nothing leaves the machine. Needs {@code -Djava.security.manager=allow} (set for all tests in the parent POM).
 */
@SuppressWarnings("removal")
public final class OutboundConnectionRecorder extends SecurityManager implements AutoCloseable {

    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final SecurityManager previous;
    private final String ownHostName;

    private OutboundConnectionRecorder() {
        this.previous = System.getSecurityManager();
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            name = "localhost";
        }
        this.ownHostName = name;
    }

    public static OutboundConnectionRecorder install() {
        OutboundConnectionRecorder recorder = new OutboundConnectionRecorder();
        System.setSecurityManager(recorder);
        return recorder;
    }

    /** The hosts (with ports, -1 for a name look-up) that the JVM tried to reach since installation. */
    public List<String> attempts() {
        return List.copyOf(attempts);
    }

    @Override
    public void checkConnect(String host, int port) {
        if (!isLocal(host)) {
            attempts.add(host + ":" + port + " from " + origin());
            throw new SecurityException("Outbound connection refused by the test: " + host + ":" + port);
        }
    }

    @Override
    public void checkConnect(String host, int port, Object context) {
        checkConnect(host, port);
    }

    @Override
    public void checkPermission(Permission permission) {
        // Everything else is allowed: this manager only watches the network.
    }

    @Override
    public void checkPermission(Permission permission, Object context) {
        // Everything else is allowed: this manager only watches the network.
    }

    /** The first frames outside the JDK: who tried to connect. */
    private static String origin() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::toStackTraceElement)
                .filter(frame -> !frame.getClassName().startsWith("java.")
                        && !frame.getClassName().startsWith("sun.")
                        && !frame.getClassName().startsWith("jdk.")
                        && !frame.getClassName().equals(OutboundConnectionRecorder.class.getName()))
                .limit(3)
                .map(StackTraceElement::toString)
                .toList()).toString();
    }

    /** This machine: loopback, the wildcard address a server binds to, or the machine's own name. */
    private boolean isLocal(String host) {
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        return bare.equals("localhost") || bare.startsWith("127.") || bare.equals("::1")
                || bare.equals("0:0:0:0:0:0:0:1") || bare.equals("0.0.0.0") || bare.equals("::")
                || bare.equals("0:0:0:0:0:0:0:0") || bare.equalsIgnoreCase(ownHostName);
    }

    @Override
    public void close() {
        System.setSecurityManager(previous);
    }
}
