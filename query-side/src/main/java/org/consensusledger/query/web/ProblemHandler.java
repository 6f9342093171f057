package org.consensusledger.query.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Every error of the public API as an RFC 9457 problem response ({@code application/problem+json}), with a
 * {@code type} of {@code urn:consensus-ledger:problem:<name>}: bad query parameters are 400 naming the parameter,
 * unknown ids 404.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    /** Something the public asked for that the ledger does not hold. */
    public static class NotFound extends RuntimeException {

        private final String kind;

        public NotFound(String kind, String id) {
            super("There is no " + kind + " " + id);
            this.kind = kind;
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
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setType(URI.create("urn:consensus-ledger:problem:" + e.rule));
        problem.setTitle("Invalid request");
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.BAD_REQUEST);
    }

    @ExceptionHandler(NotFound.class)
    ResponseEntity<Object> notFound(NotFound e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        problem.setType(URI.create("urn:consensus-ledger:problem:unknown-" + e.kind));
        problem.setTitle("Not found");
        return new ResponseEntity<>(problem, problemHeaders(), HttpStatus.NOT_FOUND);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, describe(e));
        problem.setType(URI.create("urn:consensus-ledger:problem:invalid-request"));
        problem.setTitle("Invalid request");
        return createResponseEntity(problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    /** Each parameter that broke a rule, with the rule: {@code page must be greater than or equal to 0; ...}. */
    public static String describe(HandlerMethodValidationException e) {
        List<String> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(
                error -> errors.add(result.getMethodParameter().getParameterName() + " " + error.getDefaultMessage())));
        return String.join("; ", errors);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || problem.getType().toString().equals("about:blank"))) {
            problem.setType(URI.create("urn:consensus-ledger:problem:" + (status.is4xxClientError()
                                                                          ? "invalid-request" : "internal-error")));
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

    private static HttpHeaders problemHeaders() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return headers;
    }
}
