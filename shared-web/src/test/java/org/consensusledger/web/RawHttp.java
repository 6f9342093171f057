package org.consensusledger.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 over a plain socket, for requests no HTTP client sends: a malformed request line, raw control characters
 * or bytes in the path or a header, headers too large. The request is written exactly as given (the connection is
 * closed after it); the answer is read to the end.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** An answer: status, headers (names in lowercase) and body. */
    public record Answer(int status, Map<String, String> headers, String body) {

        public String contentType() {
            return headers.getOrDefault("content-type", "");
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }

    /** Sends {@code requestHead} (request line and headers, each line ending in CRLF, without the blank line). */
    public static Answer send(int port, String requestHead) {
        return send(port, requestHead.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static Answer send(int port, byte[] requestHead) {
        return sendFrom("127.0.0.1", port, requestHead);
    }

    /**
     * Sends from another loopback address ({@code 127.0.0.2}: the server sees a peer other than 127.0.0.1, as a
     * request from another machine would be).
     */
    public static Answer sendFrom(String localAddress, int port, String requestHead) {
        return sendFrom(localAddress, port, requestHead.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Answer sendFrom(String localAddress, int port, byte[] requestHead) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(localAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            // In one write: Tomcat answers a request it refuses and closes the connection at once; bytes arriving
            // after that close (a second write) make it reset the connection, discarding its answer unread.
            ByteArrayOutputStream whole = new ByteArrayOutputStream();
            whole.write(requestHead);
            whole.write("Connection: close\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(whole.toByteArray());
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException e) {
            // Tomcat may reset the connection after answering a request it refused: keep what arrived.
        }
        return all.toByteArray();
    }

    private static Answer parse(byte[] bytes) {
        int headEnd = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), 0);
        String head = new String(bytes, 0, headEnd < 0 ? bytes.length : headEnd, StandardCharsets.ISO_8859_1);
        byte[] body = headEnd < 0 ? new byte[0] : java.util.Arrays.copyOfRange(bytes, headEnd + 4, bytes.length);
        String[] lines = head.split("\r\n");
        if (lines.length == 0 || !lines[0].startsWith("HTTP/1.1 ")) {
            throw new IllegalStateException("No HTTP answer: " + head);
        }
        int status = Integer.parseInt(lines[0].substring(9, 12));
        Map<String, String> headers = new TreeMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim());
            }
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = unchunk(body);
        }
        return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        while (at < chunked.length) {
            int lineEnd = indexOf(chunked, crlf, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int size = sizeLine.isEmpty() ? 0 : Integer.parseInt(sizeLine, 16);
            if (size == 0) {
                break;
            }
            body.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            at = lineEnd + 2 + size + 2;
        }
        return body.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] part, int from) {
        for (int i = from; i + part.length <= bytes.length; i++) {
            if (java.util.Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }
}
