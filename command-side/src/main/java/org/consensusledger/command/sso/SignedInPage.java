package org.consensusledger.command.sso;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.web.ConsolePageHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The page a sign-in through a provider ends on: it moves on to the console at once (a {@code Refresh}, which the
 * browser starts from this site, so the console's {@code SameSite=Strict} cookie goes with it), with a link for a
 * browser that does not.
 */
@Controller
@Hidden
class SignedInPage {

    static final String PATH = "/console/signed-in";

    @GetMapping(PATH)
    String signedIn(HttpServletRequest request, HttpServletResponse response) {
        response.setHeader("Refresh", "0; url=" + request.getContextPath() + "/console");
        ConsolePageHeaders.apply(response);
        return "console/signed-in";
    }
}
