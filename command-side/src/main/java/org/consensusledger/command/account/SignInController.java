package org.consensusledger.command.account;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Signing in to the meeting console with an account token, and out again (pages, not part of the JSON API). */
@Controller
@Hidden
class SignInController {

    static final String FORM_EXPIRED = "/console/form-expired";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                                                                   .withZone(ZoneOffset.UTC);

    private final AccountStore accounts;

    SignInController(AccountStore accounts) {
        this.accounts = accounts;
    }

    @GetMapping(ConsoleSessionFilter.SIGN_IN)
    String signInPage(HttpServletRequest request, Model model) {
        if (ConsoleSession.signedIn(request, accounts).isPresent()) {
            return "redirect:/console";
        }
        return page(request, model, null);
    }

    @PostMapping(ConsoleSessionFilter.SIGN_IN)
    String signIn(@RequestParam(name = "token", required = false) String token, HttpServletRequest request,
                  HttpServletResponse response, Model model) {
        if (token == null || token.isBlank()) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return page(request, model, "signIn.error.missing");
        }
        AccountStore.Presented presented = accounts.present(token.strip());
        if (!presented.check().valid()) {
            response.setStatus(HttpStatus.UNAUTHORIZED.value());
            String error = switch (presented.check().verdict()) {
                case EXPIRED -> "signIn.error.tokenExpired";
                case REPLACED -> "signIn.error.tokenReplaced";
                default -> "signIn.error.unknown";
            };
            page(request, model, error);
            if (presented.check().at() != null) {
                model.addAttribute("errorAt", WHEN.format(presented.check().at()));
            }
            return "console/sign-in";
        }
        ConsoleSession.signInWithToken(request, presented.account().accountId());
        return "redirect:/console";
    }

    @PostMapping("/console/sign-out")
    String signOut(HttpServletRequest request) {
        ConsoleSession.signOut(request);
        return "redirect:" + ConsoleSessionFilter.SIGN_IN;
    }

    @RequestMapping(FORM_EXPIRED)
    String formExpired(HttpServletRequest request, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        return page(request, model, "signIn.error.expired");
    }

    private static String page(HttpServletRequest request, Model model, String error) {
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        model.addAttribute("error", error);
        return "console/sign-in";
    }
}
