package org.consensusledger.query.web;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.web.LogSafe;
import org.consensusledger.web.ProblemTypes;
import org.consensusledger.web.RefusedInput;
import org.consensusledger.web.StorageUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every error of the public API as an RFC 9457 problem response ({@code application/problem+json}), with a
 * {@code type} of {@code urn:consensus-ledger:problem:<name>}: bad query parameters are 400 naming the parameter,
 * unknown ids 404. It answers for the API's controllers; what happens before a controller is chosen (an unknown path,
 * a method no handler takes) reaches Spring's {@code /error}, which answers a problem on the API's paths and the
 * site's error page on the site's.
 */
@RestControllerAdvice(annotations = RestController.class)
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProblemHandler.class);

    /** Something the public asked for that the ledger does not hold. */
    public static class NotFound extends RuntimeException {

        private final String kind;

        public NotFound(String kind, String id) {
            super("There is no " + kind + " " + id);
            this.kind = kind;
        }

        /** What was not found ({@code body}, {@code proposal}, {@code meeting}…), for a page to say it in words. */
        public String kind() {
            return kind;
        }
    }

    /** A request that breaks a rule of the API beyond a single parameter's own (e.g. an index beyond a size). */
    public static class BadRequest extends RuntimeException {

        private final String rule;

        /** {@code rule} names the problem type ({@code urn:consensus-ledger:problem:<rule>}). */
        public BadRequest(String rule, String detail) {
            super(detail);
            this.rule = rule;
        }
    }

    @ExceptionHandler(BadRequest.class)
    ResponseEntity<Object> badRequest(BadRequest e) {
        return problem(HttpStatus.BAD_REQUEST, e.rule, "Invalid request", e.getMessage());
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "unknown-" + e.kind, "Not found", e.getMessage());
    }

    /** A failure of the ledger itself: logged with its stack trace; the answer says nothing of its cause. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        Optional<String> storage = StorageUnavailable.reason(e);
        if (storage.isPresent()) {
            StorageUnavailable.log(storage.get());
            return new ResponseEntity<>(StorageUnavailable.problem(), storageHeaders(),
                                        HttpStatus.SERVICE_UNAVAILABLE);
        }
        LOGGER.error("Unexpected failure of {} {}", LogSafe.of(request.getMethod()),
                     LogSafe.of(request.getRequestURI()), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                       "The ledger failed unexpectedly while answering this request.");
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", describe(e));
    }

    /** A parameter that cannot be read as its type, or that a rule refuses: 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", describe(e));
    }

    /** Each parameter that broke a rule, with the rule: {@code page must be greater than or equal to 0; ...}. */
    public static String describe(HandlerMethodValidationException e) {
        List<String> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(
                error -> errors.add(result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage())));
        return String.join("; ", errors);
    }

    /**
     * {@code asOf must lie between ...}, or {@code page cannot be read as a number}: the parameter and what is wrong,
     * never echoing a value a rule refused.
     */
    public static String describe(TypeMismatchException e) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        if (e.getMostSpecificCause() instanceof RefusedInput refused) {
            return name + " " + refused.getMessage();
        }
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "" : " as " + (Number.class.isAssignableFrom(type) || type.isPrimitive()
                ? "a whole number" : type == java.time.Instant.class
                ? "an ISO-8601 instant such as 2026-03-04T09:30:00Z" : type.getSimpleName());
        return name + " cannot be read" + expected + ": " + LogSafe.of(e.getValue());
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().toString().equals("about:blank"))) {
            problem.setType(ProblemTypes.type(ProblemTypes.name(status.value())));
            problem.setTitle(ProblemTypes.title(status.value()));
        }
        HttpHeaders withType = problemHeaders();
        if (headers != null) {
            headers.forEach((name, values) -> {
                if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                    withType.addAll(name, values);
                }
            });
        }
        return new ResponseEntity<>(body, withType, status);
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String name, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.type(name));
        problem.setTitle(title);
        return new ResponseEntity<>(problem, problemHeaders(), status);
    }

    private static HttpHeaders storageHeaders() {
        HttpHeaders headers = problemHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(StorageUnavailable.RETRY_AFTER_SECONDS));
        return headers;
    }

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
