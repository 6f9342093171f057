package org.consensusledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Texts;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.PathContainer;
import org.springframework.http.server.RequestPath;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
    /** The position of the first of those events (its receipt is kept under it). */
    static final String ALREADY_STORED_AT = IdempotencyFilter.class.getName() + ".storedAt";
    /** The taken-over request's stored events as the export has them (for a receipt its first attempt did not keep). */
    static final String ALREADY_STORED_EVENTS = IdempotencyFilter.class.getName() + ".storedEvents";
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final Pattern TOKEN_RENEWAL = Pattern.compile("/api/accounts/[^/]+/token");
    private static final Pattern ACCOUNT = Pattern.compile("/api/accounts/[^/]+");

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
        String path = normalisedPath(request);
        if (path == null || (request.getMethod().equals("POST") && (path.equals("/api/accounts")
                || TOKEN_RENEWAL.matcher(path).matches()))) {
            // Its answer holds a token the ledger does not keep, so it cannot be answered again from here: the
            // account store itself makes the retry safe (AccountStore.create gives the account a new token, and
            // AccountStore.rotate another new one, keeping the replaced token's grace). A path that cannot be read
            // is not kept either (the server refuses it anyway).
            chain.doFilter(request, response);
            return;
        }
        if (path.equals("/api/accounts") || path.startsWith("/api/accounts/")) {
            writer.write(response, problem(HttpStatus.BAD_REQUEST, "idempotency-not-supported",
                                           "Idempotency-Key not supported here",
                                           ACCOUNT.matcher(path).matches() && request.getMethod().equals("DELETE")
                                                   ? "Revoking an account needs no Idempotency-Key: revoking it "
                                                           + "again changes nothing; send it without one"
                                                   : "The account endpoints take no Idempotency-Key (creating an "
                                                           + "account or renewing a token is safe to retry as it "
                                                           + "is, and removing something again changes nothing); "
                                                           + "send it without one"));
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
                    StoredCommands.Found stored = log.storedWith(actor.accountId(), key, takenOver.logHead());
                    if (!stored.events().isEmpty()) {
                        cached.setAttribute(ALREADY_STORED, stored.events());
                        cached.setAttribute(ALREADY_STORED_AT, stored.firstPosition());
                        cached.setAttribute(ALREADY_STORED_EVENTS, stored.stored());
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
        if (capturing.getStatus() < 500 && !answeredByAccounts(request)) {
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

    /**
     * The path as the application reads it: percent-decoded segment by segment, path parameters ({@code ;x})
     * removed, empty and dot segments resolved; {@code null} if it cannot be read. The exemptions above are decided
     * on it, not on the raw request URI, so that no spelling of an account endpoint's path gets its answer kept.
     */
    static String normalisedPath(HttpServletRequest request) {
        List<String> segments = new ArrayList<>();
        try {
            for (PathContainer.Element element : RequestPath.parse(request.getRequestURI(), request.getContextPath())
                                                            .pathWithinApplication().elements()) {
                if (element instanceof PathContainer.PathSegment segment) {
                    String value = segment.valueToMatch();
                    if (value.equals("..")) {
                        if (!segments.isEmpty()) {
                            segments.remove(segments.size() - 1);
                        }
                    } else if (!value.isEmpty() && !value.equals(".")) {
                        segments.add(value);
                    }
                }
            }
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
        return "/" + String.join("/", segments);
    }

    /**
     * Whether an account endpoint answered (the pattern the handler was matched on): a second line behind the path
     * check, since those answers may hold a token, which must never be kept.
     */
    private static boolean answeredByAccounts(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null && String.valueOf(pattern).startsWith("/api/accounts");
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
