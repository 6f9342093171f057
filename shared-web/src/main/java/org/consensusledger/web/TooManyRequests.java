package org.consensusledger.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A request refused by a rate limit: 429 with {@code Retry-After} in seconds. Thrown where Spring MVC answers (each
 * application turns it into a problem or a page in words), or written directly by a filter with {@link #answer}.
 */
public class TooManyRequests extends RuntimeException {

    public static final int STATUS = 429;
    public static final String NAME = "too-many-requests";
    public static final String TITLE = "Too many requests";

    private final long retryAfterSeconds;

    /** {@code detail} says what was limited and when to try again, in words. */
    public TooManyRequests(long retryAfterSeconds, String detail) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** Writes the problem response (application/problem+json) with its {@code Retry-After}. */
    public static void answer(HttpServletResponse response, long retryAfterSeconds, String detail)
            throws IOException {
        byte[] json = ProblemTypes.json(STATUS, NAME, TITLE, detail).getBytes(StandardCharsets.UTF_8);
        response.setStatus(STATUS);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds));
        response.setContentType(ProblemView.PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }

    /** "1 second", "15 seconds": for details in English. */
    public static String seconds(long seconds) {
        return seconds == 1 ? "1 second" : seconds + " seconds";
    }
}
