package org.consensusledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * Where an input comes from: a file path, or an http(s) URL fetched with {@link HttpClient}, streamed rather than
 * held in memory. Whatever goes wrong while opening or reading one is an {@link UnusableInputException} naming
 * the source.
 */
final class Source {

    /** Checkpoints, keys and proofs are small; anything larger than this is not one. */
    static final int MAX_SMALL_INPUT = 1 << 20;
    /** The most bytes a fetched JSON or text document may have (a page of receipts, a proof, a list of keys). */
    static final int MAX_DOCUMENT = 64 << 20;

    /** Made on first use only: a run over files starts no HTTP client threads. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                                                   .connectTimeout(Duration.ofSeconds(15))
                                                   .followRedirects(HttpClient.Redirect.NORMAL)
                                                   .build();
    }

    private final String location;

    Source(String location) {
        this.location = location;
    }

    String location() {
        return location;
    }

    static boolean isUrl(String location) {
        String lower = location.toLowerCase(java.util.Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }

    /** Whether this names a readable file (used to tell a key file from key text). */
    static boolean isReadableFile(String location) {
        if (isUrl(location)) {
            return false;
        }
        try {
            Path path = Path.of(location);
            return Files.isRegularFile(path) && Files.isReadable(path);
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The bytes, streamed: the caller closes the stream. */
    InputStream open() throws UnusableInputException {
        if (isUrl(location)) {
            return get(location);
        }
        try {
            return Files.newInputStream(Path.of(location));
        } catch (IOException | InvalidPathException e) {
            throw new UnusableInputException("cannot read " + location + ": " + describe(e), e);
        }
    }

    /** The whole input as UTF-8 text (refusing invalid UTF-8 and anything over {@link #MAX_SMALL_INPUT} bytes). */
    String readText() throws UnusableInputException {
        byte[] bytes;
        try (InputStream in = open()) {
            bytes = in.readNBytes(MAX_SMALL_INPUT + 1);
        } catch (IOException e) {
            throw new UnusableInputException("cannot read " + location + ": " + describe(e), e);
        }
        if (bytes.length > MAX_SMALL_INPUT) {
            throw new UnusableInputException(location + " is larger than " + MAX_SMALL_INPUT + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                                         .onMalformedInput(CodingErrorAction.REPORT)
                                         .onUnmappableCharacter(CodingErrorAction.REPORT)
                                         .decode(ByteBuffer.wrap(bytes))
                                         .toString();
        } catch (CharacterCodingException e) {
            throw new UnusableInputException(location + " is not valid UTF-8", e);
        }
    }

    private static InputStream get(String url) throws UnusableInputException {
        HttpResponse<InputStream> response = send(url, null, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                body.readNBytes(64 * 1024);
            } catch (IOException ignored) {
                // only draining the connection
            }
            throw new UnusableInputException("GET " + url + " answered HTTP " + response.statusCode());
        }
        return response.body();
    }

    /**
     * GET with the shared client ({@code accept}: the {@code Accept} header, or null for none); what goes wrong on
     * the way is unusable input naming the URL.
     */
    private static <T> HttpResponse<T> send(String url, String accept, HttpResponse.BodyHandler<T> body)
            throws UnusableInputException {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
            if (accept != null) {
                request.header("Accept", accept);
            }
            return Http.CLIENT.send(request.build(), body);
        } catch (IllegalArgumentException e) {
            throw new UnusableInputException("not a valid URL: " + url, e);
        } catch (IOException e) {
            throw new UnusableInputException("cannot fetch " + url + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnusableInputException("interrupted while fetching " + url, e);
        }
    }

    /** An HTTP answer: its status and body. */
    record Answer(int status, byte[] body) {
    }

    /** GET {@code url} with the shared client, whatever its status; the body whole (JSON documents, not exports). */
    static Answer fetch(String url) throws UnusableInputException {
        return fetch(url, "application/json");
    }

    /** As {@link #fetch(String)}, accepting {@code accept} (e.g. NDJSON). */
    static Answer fetch(String url, String accept) throws UnusableInputException {
        HttpResponse<InputStream> response = send(url, accept, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(MAX_DOCUMENT + 1);
            if (bytes.length > MAX_DOCUMENT) {
                throw new UnusableInputException("GET " + url + " answered more than " + MAX_DOCUMENT + " bytes: "
                        + "more than any document of the ledger's API holds");
            }
            return new Answer(response.statusCode(), bytes);
        } catch (IOException e) {
            throw new UnusableInputException("cannot read the answer of " + url + ": " + describe(e), e);
        }
    }

    static String describe(Throwable e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }

    @Override
    public String toString() {
        return location;
    }
}
