package org.consensusledger.query.site;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.web.ErrorPages;
import org.consensusledger.web.LogSafe;
import org.consensusledger.web.RefusedInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.time.Instant;
import java.util.Set;

/**
 * The site's errors as pages, not as the API's JSON problems: an unknown body, proposal or meeting is a 404 page, a
 * bad parameter (an instant that is not one or lies outside the window, an unknown status, a negative page) a 400
 * page naming it, any other refusal a page with its status, and a failure of the ledger a 500 page (logged with its
 * stack trace). Also the pages Spring's {@code /error} shows for the site's paths ({@link ErrorPages}).
 */
@ControllerAdvice(assignableTypes = {SiteController.class, DecisionFeeds.class, AuditorPages.class,
                                     RecordFeeds.class, BodyCalendar.class})
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SiteErrors implements ErrorPages {

    private static final Logger LOGGER = LoggerFactory.getLogger(SiteErrors.class);
    /** The statuses with a heading of their own in {@code messages.properties} ({@code error.<status>}). */
    private static final Set<Integer> HEADINGS = Set.of(400, 404, 405, 406, 415, 500);

    @ExceptionHandler(ProblemHandler.NotFound.class)
    ModelAndView notFound(ProblemHandler.NotFound e) {
        return page(HttpStatus.NOT_FOUND.value(), e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badValue(MethodArgumentTypeMismatchException e) {
        if (e.getMostSpecificCause() instanceof RefusedInput refused) {
            return page(HttpStatus.BAD_REQUEST.value(), e.getName() + " " + refused.getMessage());
        }
        String expected = e.getRequiredType() == null ? "" : " (expected: " + e.getRequiredType().getSimpleName()
                + (e.getRequiredType() == Instant.class ? ", e.g. 2026-03-04T09:30:00Z" : "") + ")";
        return page(HttpStatus.BAD_REQUEST.value(), e.getName() + ": \"" + LogSafe.of(e.getValue())
                + "\" cannot be read" + expected);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ModelAndView invalid(HandlerMethodValidationException e) {
        return page(HttpStatus.BAD_REQUEST.value(), ProblemHandler.describe(e));
    }

    /** Any other refusal Spring MVC names (a missing parameter, a method not allowed) with its status. */
    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            String detail = refusal.getBody().getDetail();
            return page(refusal.getStatusCode().value(), detail == null ? "" : detail);
        }
        LOGGER.error("Unexpected failure of {} {}", LogSafe.of(request.getMethod()),
                     LogSafe.of(request.getRequestURI()), e);
        return page(HttpStatus.INTERNAL_SERVER_ERROR.value(), "The ledger failed unexpectedly while showing this "
                + "page.");
    }

    @Override
    public ModelAndView page(int status, String message) {
        ModelAndView page = new ModelAndView("site/error", HttpStatusCode.valueOf(status));
        page.addObject("status", HEADINGS.contains(status) ? status : status >= 500 ? 500 : 400);
        page.addObject("message", message);
        return page;
    }
}
