package org.consensusledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Speaks HTTP to the started command side, as any client would. */
public final class ApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;

    public ApiClient(int port) {
        this(port, HttpClient.newHttpClient());
    }

    private ApiClient(int port, HttpClient http) {
        this.base = "http://127.0.0.1:" + port;
        this.http = http;
    }

    /** A client like a browser's: it keeps the cookies it is sent (its own jar) and does not follow redirects. */
    public static ApiClient withCookies(int port) {
        return new ApiClient(port, HttpClient.newBuilder().cookieHandler(new CookieManager())
                                             .followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** A client like this one that shares no connection with it. */
    private HttpClient newConnectionClient() {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(http.followRedirects());
        http.cookieHandler().ifPresent(builder::cookieHandler);
        return builder.build();
    }

    private static String abbreviated(String path) {
        return path.length() > 200 ? path.substring(0, 200) + "… (" + path.length() + " characters)" : path;
    }

    /** Posts an HTML form's fields, URL-encoded, as a browser does. */
    public Response postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                          .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                                  + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                          .collect(Collectors.joining("&"));
        return send("POST", path, null, body, "Content-Type", "application/x-www-form-urlencoded");
    }

    /**
     * Opens a stream of server-sent events and collects its lines as they come, until it is closed, as a browser's
     * EventSource does (without reconnecting).
     */
    public EventStream events(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                                                 .header("Accept", "text/event-stream");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        EventStream stream = new EventStream();
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines()).thenAccept(response -> {
            stream.status = response.statusCode();
            stream.body = response.body();
            try {
                response.body().forEach(stream.lines::add);
            } catch (RuntimeException closed) {
                // closed by the test
            }
        });
        return stream;
    }

    /** The lines a stream of server-sent events sent so far. */
    public static final class EventStream implements AutoCloseable {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private volatile int status;
        private volatile Stream<String> body;

        public int status() {
            return status;
        }

        public List<String> lines() {
            return List.copyOf(lines);
        }

        /** The data of every event of this name sent so far, in order. */
        public List<String> data(String event) {
            List<String> data = new ArrayList<>();
            List<String> seen = lines();
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).equals("event:" + event)) {
                    for (int j = i + 1; j < seen.size() && !seen.get(j).isEmpty(); j++) {
                        if (seen.get(j).startsWith("data:")) {
                            data.add(seen.get(j).substring(5));
                        }
                    }
                }
            }
            return data;
        }

        @Override
        public void close() {
            if (body != null) {
                body.close();
            }
        }
    }

    public record Response(int status, HttpHeaders headers, String text) {

        public JsonNode json() {
            try {
                return text.isEmpty() ? JSON.missingNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + text, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String id() {
            return json().path("id").asText();
        }

        @Override
        public String toString() {
            return status + " " + text;
        }
    }

    public Response post(String path, String token, Object body, String... headers) {
        return send("POST", path, token, body == null ? "" : toJson(body), headers);
    }

    public Response delete(String path, String token, String... headers) {
        return send("DELETE", path, token, null, headers);
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    /** Sends exactly {@code rawBody} as JSON, for malformed and hostile input. */
    public Response send(String method, String path, String token, String rawBody, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                                                 .method(method, rawBody == null
                                                         ? HttpRequest.BodyPublishers.noBody()
                                                         : HttpRequest.BodyPublishers.ofString(rawBody));
        if (rawBody != null && Arrays.stream(headers).noneMatch("Content-Type"::equalsIgnoreCase)) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpRequest built = request.build();
            HttpResponse<String> response;
            try {
                response = http.send(built, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
                    throw e;
                }
                // The pooled connection had been closed by the server before this request went out on it: the
                // server never read the request. The JDK retries this itself, but only for GET and other idempotent
                // methods. Send it once more on a connection of its own (another pooled one may be closing too): a
                // request that itself makes the server hang up without an answer still fails here.
                System.err.println("ApiClient: " + method + " " + abbreviated(path) + " went out on a connection the "
                                           + "server had closed; sent again on a new connection");
                response = newConnectionClient().send(built, HttpResponse.BodyHandlers.ofString());
            }
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String toJson(Object body) {
        try {
            return body instanceof String text ? text : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Map<String, Object> fields(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }
}
