package org.consensusledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.UnknownReference;
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
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every error of the command API as an RFC 9457 problem response. The domain's own message reaches the user
 * unchanged; a refusal by a rule names it in {@code rule}, and the steps still allowed, with where to send them, in
 * {@code next}; input errors name the offending fields in {@code errors}. Nothing is stored on any error: Axon rolls
 * the unit of work back before the response is written.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(RuleViolation e) {
        ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "rule-violated", "A rule of the ledger forbids this",
                                            e.getMessage());
        problem.setProperty("rule", e.rule());
        if (!e.next().isEmpty()) {
            problem.setProperty("next", NextSteps.links(e.next()));
        }
        return Problems.response(problem);
    }

    @ExceptionHandler(NotAllowed.class)
    ResponseEntity<ProblemDetail> notAllowed(NotAllowed e) {
        return Problems.response(Problems.of(HttpStatus.FORBIDDEN, "not-allowed", "Not allowed", e.getMessage()));
    }

    @ExceptionHandler(UnknownReference.class)
    ResponseEntity<ProblemDetail> unknownReference(UnknownReference e) {
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "unknown-" + e.kind(), "Not found", e.getMessage());
        problem.setProperty("id", e.id());
        return Problems.response(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e, WebRequest request) {
        String kind = Problems.resourceKind(request.getDescription(false));
        ProblemDetail problem = Problems.of(HttpStatus.NOT_FOUND, "unknown-" + kind, "Not found",
                                            "There is no " + kind + " " + e.getAggregateIdentifier());
        problem.setProperty("id", e.getAggregateIdentifier());
        return Problems.response(problem);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> versionConflict(ConflictingAggregateVersionException e) {
        ProblemDetail problem = Problems.of(
                HttpStatus.PRECONDITION_FAILED, "version-conflict", "Changed since you last saw it",
                "It is now at version " + e.getActualVersion() + ", not " + e.getExpectedVersion()
                        + " as If-Match says: someone else changed it meanwhile. Nothing was recorded; look at the "
                        + "current state and send again.");
        problem.setProperty("currentVersion", e.getActualVersion());
        return ResponseEntity.status(HttpStatus.PRECONDITION_FAILED)
                             .header(HttpHeaders.ETAG, Versions.etag(e.getActualVersion()))
                             .contentType(Problems.PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> alreadyExists(AggregateStreamCreationException e) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, "already-exists", "Already exists",
                                             "Something with this id already exists; nothing was recorded."));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrentChange(ConcurrencyException e) {
        return Problems.response(Problems.of(HttpStatus.CONFLICT, "concurrent-change", "Changed concurrently",
                                             "Someone else changed this at the same moment; nothing was recorded. "
                                                     + "Look at the current state and send again."));
    }

    @ExceptionHandler(Versions.InvalidHeader.class)
    ResponseEntity<ProblemDetail> invalidHeader(Versions.InvalidHeader e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-header", "Invalid header",
                                            e.getMessage());
        problem.setProperty("header", e.header());
        return Problems.response(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())));
        }
        errors.sort(Comparator.comparing(error -> error.get("field")));
        return invalid(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(
                error -> errors.add(Map.of("field", result.getMethodParameter().getParameterName(),
                                           "message", String.valueOf(error.getDefaultMessage())))));
        return invalid(errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        if (e.getMostSpecificCause() instanceof RequestSizeLimitFilter.TooLarge tooLarge) {
            return new ResponseEntity<>(RequestSizeLimitFilter.problem(tooLarge.limit()),
                                        Problems.headers(), HttpStatus.CONTENT_TOO_LARGE);
        }
        JacksonException jackson = jacksonCause(e);
        BodyErrors.BodyError error = jackson == null ? null : BodyErrors.of(jackson);
        if (error == null) {
            ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                                                "The request body is missing or not valid JSON"
                                                        + (jackson != null ? ": " + LogSafe.of(
                                                                jackson.getOriginalMessage()) : ""));
            return new ResponseEntity<>(problem, Problems.headers(), HttpStatus.BAD_REQUEST);
        }
        return invalid(List.of(Map.of("field", error.field(), "message", error.message())));
    }

    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
                                                                    HttpStatusCode status, WebRequest request) {
        return new ResponseEntity<>(Problems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                                                "There is nothing at this address; the API's resources are listed "
                                                        + "at /v3/api-docs"), Problems.headers(), HttpStatus.NOT_FOUND);
    }

    /** A path variable, query parameter or header that cannot be read, or that a rule refuses (named). */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : String.valueOf(e.getPropertyName());
        String message = e.getMostSpecificCause() instanceof RefusedInput refused ? refused.getMessage()
                : "cannot be read" + (e.getRequiredType() == null ? ""
                        : " as " + e.getRequiredType().getSimpleName());
        return invalid(List.of(Map.of("field", name, "message", message)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        Optional<String> storage = StorageUnavailable.reason(e);
        if (storage.isPresent()) {
            StorageUnavailable.log(storage.get());
            return StorageUnavailable.response();
        }
        LOGGER.error("Unexpected failure of {} {}", LogSafe.of(request.getMethod()),
                     LogSafe.of(request.getRequestURI()), e);
        return Problems.response(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                                             "The ledger failed unexpectedly; nothing was recorded."));
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem
                && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
            problem.setType(ProblemTypes.type(ProblemTypes.name(status.value())));
            problem.setTitle(ProblemTypes.title(status.value()));
        }
        HttpHeaders withType = new HttpHeaders();
        if (headers != null) {
            withType.putAll(headers);
        }
        withType.setContentType(Problems.PROBLEM_JSON);
        return new ResponseEntity<>(body, withType, status);
    }

    private static ResponseEntity<Object> invalid(List<Map<String, String>> errors) {
        String summary = errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                               .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", summary);
        problem.setProperty("errors", errors);
        return new ResponseEntity<>(problem, Problems.headers(), HttpStatus.BAD_REQUEST);
    }

    private static JacksonException jacksonCause(Throwable e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return jackson;
            }
        }
        return null;
    }
}
