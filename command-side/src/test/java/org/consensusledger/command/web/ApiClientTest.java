package org.consensusledger.command.web;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tests' HTTP client: a POST that goes out on a pooled connection the server has closed is sent again on a new
 * connection; a server that hangs up on the request itself is still a failure.
 */
class ApiClientTest {

    @Test
    void aPostOnAConnectionTheServerClosedIsSentAgainOnANewOne() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread serving = new Thread(() -> serve(server, connections, true));
            serving.start();
            ApiClient client = new ApiClient(server.getLocalPort());

            assertThat(client.send("POST", "/first", null, "{}").status()).isEqualTo(200);
            ApiClient.Response second = client.send("POST", "/second", null, "{}");

            assertThat(second.status()).isEqualTo(200);
            assertThat(connections.get()).isEqualTo(2);
            serving.join(10_000);
        }
    }

    @Test
    void aServerThatHangsUpOnTheRequestItselfIsStillAFailure() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread serving = new Thread(() -> serve(server, connections, false));
            serving.start();
            ApiClient client = new ApiClient(server.getLocalPort());

            assertThatThrownBy(() -> client.send("POST", "/hang-up", null, "{}"))
                    .isInstanceOf(UncheckedIOException.class).hasMessageContaining("received no bytes");
            assertThat(connections.get()).isEqualTo(2);
            serving.join(10_000);
        }
    }

    /**
     * Two connections, one after the other. With {@code answerFirst}, the first answers one request and hangs up on
     * the next, the second answers one; without, each hangs up on its first request.
     */
    private static void serve(ServerSocket server, AtomicInteger connections, boolean answerFirst) {
        try {
            for (int connection = 0; connection < 2; connection++) {
                try (Socket socket = server.accept()) {
                    connections.incrementAndGet();
                    BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                                                                 StandardCharsets.ISO_8859_1));
                    OutputStream out = socket.getOutputStream();
                    readRequest(in);
                    if (answerFirst) {
                        out.write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        if (connection == 0) {
                            readRequest(in);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readRequest(BufferedReader in) throws IOException {
        int length = 0;
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        for (int i = 0; i < length; i++) {
            in.read();
        }
    }
}
