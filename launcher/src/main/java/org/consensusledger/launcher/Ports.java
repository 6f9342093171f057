package org.consensusledger.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The applications' ports are checked before anything starts: an application whose port another process holds would
 * fail to start, and until it did the other process would answer the launcher's health checks in its place.
 */
final class Ports {

    private Ports() {
    }

    /** A port another process holds, with what to do about it. */
    static final class InUse extends Exception {
        InUse(String message) {
            super(message);
        }
    }

    /** Fails, naming the port, what it is for and the option that changes it, if the port cannot be bound. */
    static void requireFree(String address, int port, String what, String option) throws InUse {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port));
        } catch (IOException e) {
            throw new InUse("Port " + port + " on " + address + " (" + what + ") is in use by another process: stop "
                    + "that process (`ss -ltnp 'sport = :" + port + "'` names it), or give the ledger another port with "
                    + option + " <port>");
        }
    }
}
