package org.consensusledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.RecordedEvent;
import org.consensusledger.command.shared.Texts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Makes retries safe: a command sent with an {@code Idempotency-Key} that this account already used for the same
 * request gets the first response again (status, {@code Location}, {@code ETag}, body), and nothing new is stored.
 * Keys are scoped to the account and kept in MongoDB ({@code idempotency_keys}), so they survive restarts. A key
 * reused for a different request is refused (422); while the first request is still running, a repeat gets 409.
 * <p>
 * Every key gets a final answer, even when its request died half-way (the process was killed after the command was
 * stored but before its answer was kept, or before the command was stored at all). The next request with the key
 * takes the orphaned claim over ({@link IdempotencyStore}) and looks in the log, from where it stood when the key was
 * claimed, for the events stored with this key by this account. If there are some, the command was stored: the
 * request runs through its controller without sending the command again — {@link CommandSender} answers from those
 * events, and ids are the same as the first time ({@link Ids}) — so the answer is the one the first request would
 * have had, marked {@code Idempotency-Replayed}. If there are none, the command was not stored, and it runs.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED_HEADER = "Idempotency-Replayed";
    /** Set on a request that holds its key's claim: the claim's seed of ids ({@link Ids}). */
    static final String CLAIMED = IdempotencyFilter.class.getName() + ".claimed";
    /** The events a taken-over request's command already stored ({@link CommandSender} answers from them). */
    static final String ALREADY_STORED = IdempotencyFilter.class.getName() + ".stored";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern TOKEN_ROTATION = Pattern.compile("/api/accounts/[^/]+/token");

    private final IdempotencyStore store;
    private final ProblemWriter writer;
    private final StoredCommands log;

    IdempotencyFilter(IdempotencyStore store, ProblemWriter writer, StoredCommands log) {
        this.store = store;
        this.writer = writer;
        this.log = log;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null
                || !(request.getMethod().equals("POST") || request.getMethod().equals("DELETE"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!KEY.matcher(key).matches()) {
            writer.write(response, problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key",
                                           "An Idempotency-Key is 1 to 200 visible ASCII characters, e.g. a UUID"));
            return;
        }
        if (request.getMethod().equals("POST") && (request.getRequestURI().equals("/api/accounts")
                || TOKEN_ROTATION.matcher(request.getRequestURI()).matches())) {
            // Its answer holds a token the ledger does not keep, so it cannot be answered again from here: the
            // account store itself makes the retry safe (AccountStore.create gives the account a new token, and
            // AccountStore.rotate another new one, keeping the replaced token's grace).
            chain.doFilter(request, response);
            return;
        }
        if (request.getRequestURI().startsWith("/api/accounts")) {
            writer.write(response, problem(HttpStatus.BAD_REQUEST, "idempotency-not-supported",
                                           "Idempotency-Key not supported here",
                                           "Revoking an account needs no Idempotency-Key: revoking it again "
                                                   + "changes nothing; send it without one"));
            return;
        }
        CachedBodyRequest cached;
        try {
            cached = new CachedBodyRequest(request);
        } catch (RequestSizeLimitFilter.TooLarge e) {
            writer.write(response, RequestSizeLimitFilter.problem(e.limit()));
            return;
        }
        Actor actor = ActorResolver.actor(request);
        String id = actor.accountId() + " " + key;
        String fingerprint = Texts.sha256(request.getMethod() + " " + request.getRequestURI() + "\n"
                                                  + request.getHeader(HttpHeaders.IF_MATCH) + "\n"
                                                  + new String(cached.body(), StandardCharsets.UTF_8));
        IdempotencyStore.Claim claim = store.claim(id, fingerprint, log.head());
        if (claim instanceof IdempotencyStore.Claim.Stored stored && !stored.fingerprint().equals(fingerprint)) {
            writer.write(response, problem(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused",
                                           "Idempotency-Key reused",
                                           "This Idempotency-Key was already used for a different request; use a "
                                                   + "new key for a new request"));
        } else if (claim instanceof IdempotencyStore.Claim.InProgress) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            writer.write(response, problem(HttpStatus.CONFLICT, "idempotency-key-in-progress", "Request in progress",
                                           "A request with this Idempotency-Key is still being processed, or was "
                                                   + "interrupted; its outcome is not known yet"));
        } else if (claim instanceof IdempotencyStore.Claim.Stored stored) {
            replay(stored, response);
        } else {
            // Whatever happens from here on (the database gone while the answer is kept, say), the claim is let go
            // when this request ends, so that the next request with the key finds out from the log.
            try {
                String idSeed;
                if (claim instanceof IdempotencyStore.Claim.TakenOver takenOver) {
                    idSeed = takenOver.idSeed();
                    List<RecordedEvent> stored = log.storedWith(actor.accountId(), key, takenOver.logHead());
                    if (!stored.isEmpty()) {
                        cached.setAttribute(ALREADY_STORED, stored);
                        response.setHeader(REPLAYED_HEADER, "true");
                    }
                } else {
                    idSeed = ((IdempotencyStore.Claim.Claimed) claim).idSeed();
                }
                cached.setAttribute(CLAIMED, idSeed);
                runAndKeep(id, cached, response, chain);
            } finally {
                store.finished(id);
            }
        }
    }

    private void runAndKeep(String id, CachedBodyRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        ContentCachingResponseWrapper capturing = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, capturing);
        } catch (IOException | ServletException | RuntimeException e) {
            store.release(id);
            throw e;
        }
        if (capturing.getStatus() < 500) {
            store.complete(id, capturing.getStatus(),
                           Map.of(HttpHeaders.LOCATION, headerOrEmpty(capturing, HttpHeaders.LOCATION),
                                  HttpHeaders.ETAG, headerOrEmpty(capturing, HttpHeaders.ETAG),
                                  HttpHeaders.CONTENT_TYPE, String.valueOf(capturing.getContentType())),
                           new String(capturing.getContentAsByteArray(), StandardCharsets.UTF_8));
        } else {
            store.release(id);
        }
        capturing.copyBodyToResponse();
    }

    private static String headerOrEmpty(HttpServletResponse response, String name) {
        String value = response.getHeader(name);
        return value == null ? "" : value;
    }

    private static void replay(IdempotencyStore.Claim.Stored stored, HttpServletResponse response)
            throws IOException {
        response.setStatus(stored.status());
        stored.headers().forEach((name, value) -> {
            if (!value.isEmpty() && !value.equals("null")) {
                response.setHeader(name, value);
            }
        });
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = stored.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static ProblemDetail problem(HttpStatus status, String name, String title, String detail) {
        ProblemDetail problem = Problems.of(status, name, title, detail);
        problem.setProperty("header", HEADER);
        return problem;
    }
}
