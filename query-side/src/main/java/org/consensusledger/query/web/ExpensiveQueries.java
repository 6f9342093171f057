package org.consensusledger.query.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.web.ClientAddress;
import org.consensusledger.web.RateLimiter;
import org.consensusledger.web.TooManyRequests;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;

/**
 * The limit on expensive queries per client address ({@code ledger.rate-limits.expensive-queries}): those that
 * rebuild or scan instead of reading a prepared view — a view as of a past instant ({@code asOf}, API and site), a
 * search ({@code q}, API and site), the open-data exports (CSV tables, Popolo) and the audit log's export of events
 * (unless a page of at most {@value #LARGEST_CHEAP_PAGE}), and the witness's add-checkpoint (a signature checked and a
 * write, for anyone who posts). Everything else the public reads (a dossier, a page, a
 * checkpoint, a proof, one aggregate's events) is not counted. Refused with 429 and
 * {@code Retry-After}: a problem on the API, a page in words on the site ({@link TooManyRequests} thrown for the
 * site's error pages).
 */
class ExpensiveQueries implements HandlerInterceptor {

    /** The parameters that make a query rebuild a past view, or search, when the endpoint takes them. */
    private static final Set<String> EXPENSIVE_PARAMETERS = Set.of("asOf", "q");

    private static final long LARGEST_CHEAP_PAGE = 1000;

    private final RateLimiter limiter;

    ExpensiveQueries(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || !expensive(request, method)) {
            return true;
        }
        long wait = limiter.take(ClientAddress.of(request));
        if (wait == 0) {
            return true;
        }
        if (pattern(request).startsWith("/api/")) {
            TooManyRequests.answer(response, wait, "Too many expensive queries (views as of a past instant, "
                    + "searches, exports) from this address; try again in " + TooManyRequests.seconds(wait));
            return false;
        }
        throw new TooManyRequests(wait, "Too many expensive queries from this address");
    }

    /**
     * Decided on what will answer, not on how the path is written: the pattern of the handler Spring matched
     * ({@code /api/open-data/{dataset}.csv}), which {@code ;x}, {@code %61} or {@code %2E} in the path do not change,
     * and on every value of a parameter ({@code q=&q=water} searches as well as {@code q=water}).
     */
    static boolean expensive(HttpServletRequest request, HandlerMethod method) {
        String pattern = pattern(request);
        if (pattern.startsWith("/api/open-data/") && (pattern.endsWith(".csv") || pattern.endsWith("/popolo.json"))) {
            return true;
        }
        if (pattern.equals("/api/witness/add-checkpoint")) {
            return true;
        }
        if (pattern.equals("/api/audit/events")) {
            return !smallPage(request.getParameterValues("limit"));
        }
        return Arrays.stream(method.getMethodParameters())
                     .map(ExpensiveQueries::name)
                     .anyMatch(name -> name != null && EXPENSIVE_PARAMETERS.contains(name)
                             && given(request.getParameterValues(name)));
    }

    /** The pattern of the handler mapping that matched the request; "" when none did. */
    private static String pattern(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null ? "" : pattern.toString();
    }

    private static boolean given(String[] values) {
        return values != null && Arrays.stream(values).anyMatch(value -> value != null && !value.isBlank());
    }

    /**
     * {@code limit} of at most {@value #LARGEST_CHEAP_PAGE} events (a verifier fetching one event) is cheap; given
     * more than once, every value must be.
     */
    private static boolean smallPage(String[] limits) {
        if (limits == null || limits.length == 0) {
            return false;
        }
        try {
            for (String limit : limits) {
                if (limit == null || Long.parseLong(limit.strip()) > LARGEST_CHEAP_PAGE) {
                    return false;
                }
            }
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The request parameter a method parameter is bound to: its {@code @RequestParam} name, or its own name. */
    private static String name(MethodParameter parameter) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param == null) {
            return null;
        }
        return !param.name().isEmpty() ? param.name()
                : !param.value().isEmpty() ? param.value() : parameter.getParameter().getName();
    }
}
