package org.consensusledger.query.site;

import org.consensusledger.query.web.ProblemHandler;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.time.Instant;

/**
 * The site's errors as pages, not as the API's JSON problems: an unknown body, proposal or meeting is a 404 page, a
 * bad parameter (an instant that is not one, an unknown status, a negative page) a 400 page naming it.
 */
@ControllerAdvice(assignableTypes = {SiteController.class, DecisionFeeds.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class SiteErrors {

    @ExceptionHandler(ProblemHandler.NotFound.class)
    ModelAndView notFound(ProblemHandler.NotFound e) {
        return page(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badValue(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "" : " (expected: " + e.getRequiredType().getSimpleName()
                + (e.getRequiredType() == Instant.class ? ", e.g. 2026-03-04T09:30:00Z" : "") + ")";
        return page(HttpStatus.BAD_REQUEST, e.getName() + ": \"" + e.getValue() + "\" cannot be read" + expected);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ModelAndView invalid(HandlerMethodValidationException e) {
        return page(HttpStatus.BAD_REQUEST, ProblemHandler.describe(e));
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("site/error", status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        return page;
    }
}
