package org.consensusledger.launcher;

import org.consensusledger.embedded.EmbeddedMongoServer;

import java.nio.file.Path;

/**
 * The embedded MongoDB-compatible server alone, in a JVM of its own, so that a test can kill it (SIGKILL) and start
 * it again on the same data file without taking the test's JVM down with it. Arguments: the data file and the port.
 * It runs until killed; it closes its file cleanly on SIGTERM/SIGINT.
 */
public final class EmbeddedServerMain {

    private EmbeddedServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("Usage: EmbeddedServerMain <data file> <port>");
            System.exit(2);
        }
        EmbeddedMongoServer server = EmbeddedMongoServer.durable(Path.of(args[0]), "127.0.0.1",
                                                                 Integer.parseInt(args[1]));
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "embedded-server-shutdown"));
        System.out.println("Embedded server ready");
        Thread.currentThread().join();
    }
}
