package org.consensusledger.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;

/**
 * Spring's {@code /error} fallback, in place of Spring Boot's: what no exception handler answered (an unknown path,
 * a method or media type no handler takes, an exception thrown outside the controllers) is a problem response on the
 * APIs ({@link ApiPaths}) and, where the application has pages for people, their error page elsewhere. Whatever the
 * client accepts: an error is never answered with 406. A 5xx says nothing of the failure's cause, which is logged.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController implements ErrorController {

    private final ErrorAttributes errors;
    private final ObjectProvider<ErrorPages> pages;

    ProblemErrorController(ErrorAttributes errors, ObjectProvider<ErrorPages> pages) {
        this.errors = errors;
        this.pages = pages;
    }

    @RequestMapping
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) {
        Throwable failure = errors.getError(new ServletWebRequest(request));
        if (failure != null && StorageUnavailable.reason(failure).isPresent()) {
            return storageUnavailable(request, response, StorageUnavailable.reason(failure).get());
        }
        int status = status(request);
        String detail = ProblemTypes.detail(status);
        if (status < 500 && status != 404
                && errors.getError(new ServletWebRequest(request)) instanceof ErrorResponse known
                && known.getBody().getDetail() != null) {
            detail = known.getBody().getDetail();
        }
        String name = ProblemTypes.name(status);
        RequestLog.problem(request, ProblemTypes.PREFIX + name, detail);
        response.setStatus(status);
        ErrorPages site = pages.getIfAvailable();
        if (site != null && !ApiPaths.isApi((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            ModelAndView page = site.page(status, detail);
            page.setStatus(HttpStatusCode.valueOf(status));
            return page;
        }
        return new ModelAndView(new ProblemView(status, name, ProblemTypes.title(status), detail));
    }

    /** A request refused before any controller (a filter's write) because the database cannot store anything. */
    private ModelAndView storageUnavailable(HttpServletRequest request, HttpServletResponse response, String reason) {
        StorageUnavailable.log(reason);
        int status = StorageUnavailable.problem().getStatus();
        response.setStatus(status);
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(StorageUnavailable.RETRY_AFTER_SECONDS));
        ErrorPages site = pages.getIfAvailable();
        if (site != null && !ApiPaths.isApi((String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI))) {
            ModelAndView page = site.page(status, StorageUnavailable.DETAIL);
            page.setStatus(HttpStatusCode.valueOf(status));
            return page;
        }
        return new ModelAndView(new ProblemView(status, StorageUnavailable.NAME, StorageUnavailable.TITLE,
                                                StorageUnavailable.DETAIL));
    }

    private static int status(HttpServletRequest request) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        return status instanceof Integer code && code >= 400 && code <= 599 ? code : 500;
    }
}
