package org.consensusledger.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the browser and a server that can lose one answer on the way back, as a flaky network does:
 * the request reaches the server (which records it) and the connection breaks after the first bytes of the answer,
 * so the browser sees a network failure and cannot know whether anything was recorded.
 */
final class DroppingProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private volatile String watched;
    private final AtomicBoolean dropNext = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    DroppingProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "dropping-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** Counts the requests whose request line starts with {@code requestLine}, and breaks the first one's answer. */
    void dropTheAnswerToTheNext(String requestLine) {
        requests.set(0);
        dropped.set(0);
        watched = requestLine;
        dropNext.set(true);
    }

    /** How many watched requests reached the server. */
    int requests() {
        return requests.get();
    }

    int dropped() {
        return dropped.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                AtomicBoolean breakAnswer = new AtomicBoolean();
                start(() -> requests(client, upstream, breakAnswer));
                start(() -> answers(upstream, client, breakAnswer));
            } catch (IOException e) {
                // closed, or the server is gone: nothing to proxy
            }
        }
    }

    private void requests(Socket client, Socket upstream, AtomicBoolean breakAnswer) {
        byte[] buffer = new byte[65536];
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                String start = new String(buffer, 0, Math.min(read, 300), StandardCharsets.ISO_8859_1);
                String line = watched;
                if (line != null && start.startsWith(line)) {
                    requests.incrementAndGet();
                    if (dropNext.compareAndSet(true, false)) {
                        breakAnswer.set(true);
                    }
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other direction closed the connection
        } finally {
            closeQuietly(client, upstream);
        }
    }

    private void answers(Socket upstream, Socket client, AtomicBoolean breakAnswer) {
        byte[] buffer = new byte[65536];
        try (InputStream in = upstream.getInputStream(); OutputStream out = client.getOutputStream()) {
            for (int read; (read = in.read(buffer)) > 0; ) {
                if (breakAnswer.get()) {
                    // The first bytes of the answer, then the connection breaks: the browser cannot just resend.
                    out.write(buffer, 0, Math.min(read, 9));
                    out.flush();
                    dropped.incrementAndGet();
                    client.setSoLinger(true, 0);
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other direction closed the connection
        } finally {
            closeQuietly(client, upstream);
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "dropping-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
