package org.consensusledger.command.account;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.ratelimit.SignInLimits;
import org.consensusledger.web.RateLimiter;
import org.consensusledger.command.web.ConsolePageHeaders;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Signing in to the meeting console with an account token, and out again (pages, not part of the JSON API). The
 * rate limits ({@link SignInLimits}) answer a page in words with status 429 and {@code Retry-After}.
 */
@Controller
@Hidden
class SignInController {

    static final String FORM_EXPIRED = "/console/form-expired";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                                                                   .withZone(ZoneOffset.UTC);

    private final AccountStore accounts;
    private final SignInLimits limits;

    SignInController(AccountStore accounts, SignInLimits limits) {
        this.accounts = accounts;
        this.limits = limits;
    }

    @GetMapping(ConsoleSessionFilter.SIGN_IN)
    String signInPage(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (ConsoleSession.signedIn(request, accounts).isPresent()) {
            return "redirect:/console";
        }
        return page(request, response, model, null);
    }

    @PostMapping(ConsoleSessionFilter.SIGN_IN)
    String signIn(@RequestParam(name = "token", required = false) String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        RateLimiter.Attempt attempt = limits.attempt(request);
        if (attempt.refusedFor() > 0) {
            return tooMany(response, model, "tooMany.failedSignIns", attempt.refusedFor());
        }
        if (token == null || token.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(request, response, model, "signIn.error.missing");
        }
        AccountStore.Presented presented = accounts.present(token.strip());
        if (!presented.check().valid()) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            String error = switch (presented.check().verdict()) {
                case EXPIRED -> "signIn.error.tokenExpired";
                case REPLACED -> "signIn.error.tokenReplaced";
                default -> "signIn.error.unknown";
            };
            if (presented.check().at() != null) {
                model.addAttribute("errorAt", WHEN.format(presented.check().at()));
            }
            return page(request, response, model, error);
        }
        attempt.succeeded();
        long tooOften = limits.signIn(presented.account().accountId());
        if (tooOften > 0) {
            return tooMany(response, model, "tooMany.signIns", tooOften);
        }
        ConsoleSession.signInWithToken(request, presented.account().accountId(), token.strip());
        return "redirect:/console";
    }

    /**
     * A sign-in refused by a rate limit at another door (the start of a sign-in at an identity provider), forwarded
     * here with its reason and seconds; asked for directly, it is the sign-in page.
     */
    @RequestMapping(SignInLimits.TOO_MANY_PATH)
    String tooManyElsewhere(HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!(request.getAttribute(SignInLimits.REASON_ATTRIBUTE) instanceof String reason)
                || !(request.getAttribute(SignInLimits.SECONDS_ATTRIBUTE) instanceof Long seconds)) {
            return "redirect:" + ConsoleSessionFilter.SIGN_IN;
        }
        return tooMany(response, model, reason, seconds);
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request) {
        ConsoleSession.signOut(request);
        return "redirect:" + ConsoleSessionFilter.SIGN_IN;
    }

    @RequestMapping(FORM_EXPIRED)
    String formExpired(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return page(request, response, model, "signIn.error.expired");
    }

    /** The sign-in form; its anonymous session, when it makes one, counts against the address's limit. */
    private String page(HttpServletRequest request, HttpServletResponse response, Model model, String error) {
        if (request.getSession(false) == null) {
            long wait = limits.newAnonymousSession(request);
            if (wait > 0) {
                return tooMany(response, model, "tooMany.sessions", wait);
            }
        }
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        model.addAttribute("error", error);
        return "console/sign-in";
    }

    private static String tooMany(HttpServletResponse response, Model model, String reason, long seconds) {
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        ConsolePageHeaders.apply(response); // also outside /console (a refusal at an identity provider's door)
        model.addAttribute("reason", reason);
        model.addAttribute("seconds", seconds);
        return "console/too-many-requests";
    }
}
