package org.consensusledger.web;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

import java.io.IOException;

/**
 * A query or form parameter Tomcat cannot decode (a percent-escape that is not UTF-8, such as an encoded lone
 * surrogate) is the client's mistake: 400, answered by {@code /error} as a problem or the site's page, before any
 * other exception handler takes it for a failure of the ledger.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MalformedParameters {

    @ExceptionHandler(InvalidParameterException.class)
    void invalidParameter(HttpServletResponse response) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
