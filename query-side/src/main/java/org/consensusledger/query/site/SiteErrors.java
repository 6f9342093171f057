package org.consensusledger.query.site;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.web.ErrorPages;
import org.consensusledger.web.LogSafe;
import org.consensusledger.web.RefusedInput;
import org.consensusledger.web.TooManyRequests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The site's errors as pages in words, not as the API's JSON problems: an unknown body, proposal or meeting is a 404
 * page, a bad parameter (an instant that cannot be read (the refusal of {@link AsOf}, in words), an unknown status, a negative page, an
 * id too long) a 400 page saying which part of the address is wrong and what it may be — never a pattern, a Java type
 * or the value refused (a refused asOf is repeated as typed, cut and with control characters written out: {@link AsOf}) —, any other refusal a page with its status, and a failure of the ledger a 500 page (logged
 * with its stack trace). Also the pages Spring's {@code /error} shows for the site's paths ({@link ErrorPages}). Every
 * word comes from the messages bundle ({@code error.*}), in the reader's language. Every one is {@code text/html}, a
 * feed's and the calendar's too, though their mapping produces Atom or iCalendar and their address ends with
 * {@code .atom} or {@code .ics} (Thymeleaf is told not to guess a content type from the address:
 * {@link SiteConfiguration#htmlWhateverTheAddress()}).
 */
@ControllerAdvice(assignableTypes = {SiteController.class, DecisionFeeds.class, AuditorPages.class,
                                     RecordFeeds.class, BodyCalendar.class})
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SiteErrors implements ErrorPages {

    private static final Logger LOGGER = LoggerFactory.getLogger(SiteErrors.class);
    /** The statuses with a heading of their own in {@code messages.properties} ({@code error.<status>}). */
    private static final Set<Integer> HEADINGS = Set.of(400, 404, 405, 406, 415, 429, 500);
    /** The lists whose values the bundle names in words, by the prefix of their keys. */
    private static final Map<Class<?>, String> WORDS = Map.of(ProposalStatus.class, "status.",
                                                              ProposalOutcome.class, "outcome.");

    private final MessageSource messages;

    SiteErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ProblemHandler.NotFound.class)
    ModelAndView notFound(ProblemHandler.NotFound e) {
        return show(HttpStatus.NOT_FOUND.value(), wordsOr("error.notFound." + e.kind(), "error.notFound"));
    }

    /** A rate limit's refusal (too many views as of a past instant or searches from one address): when to retry. */
    @ExceptionHandler(TooManyRequests.class)
    ModelAndView tooMany(TooManyRequests e, HttpServletResponse response) {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(e.retryAfterSeconds()));
        return show(TooManyRequests.STATUS, words("error.tooMany", e.retryAfterSeconds()));
    }

    /** A parameter that cannot be read as what it stands for, or that a rule refuses. */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView badValue(MethodArgumentTypeMismatchException e) {
        String what = parameter(e.getName());
        Class<?> type = e.getRequiredType();
        String said;
        if (type != null && type.isEnum()) {
            said = words("error.value.choice", what, choices(type));
        } else if (type == Instant.class) {
            // The site reads asOf as a reader writes it (AsOf), whose refusals are sentences in words already.
            said = e.getMostSpecificCause() instanceof RefusedInput refused
                    ? refused.getMessage() : words("error.value.instant", what);
        } else if (type != null && (Number.class.isAssignableFrom(type) || type.isPrimitive())) {
            said = words("error.value.number", what);
        } else if (e.getMostSpecificCause() instanceof RefusedInput) {
            said = words("error.value.characters", what);
        } else {
            said = words("error.value.unreadable", what);
        }
        return show(HttpStatus.BAD_REQUEST.value(), said);
    }

    /** Parameters that break a rule (a length, a least or greatest number): each rule in words. */
    @ExceptionHandler(HandlerMethodValidationException.class)
    ModelAndView invalid(HandlerMethodValidationException e) {
        List<String> said = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> result.getResolvableErrors().forEach(error -> {
            String what = parameter(result.getMethodParameter().getParameterName());
            said.add(rule(what, error));
        }));
        return show(HttpStatus.BAD_REQUEST.value(), String.join(" ", said));
    }

    /** Any other refusal Spring MVC names (a missing parameter, a method not allowed) with its status. */
    @ExceptionHandler(Exception.class)
    ModelAndView other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
            return show(refusal.getStatusCode().value(), "");
        }
        LOGGER.error("Unexpected failure of {} {}", LogSafe.of(request.getMethod()),
                     LogSafe.of(request.getRequestURI()), e);
        return show(HttpStatus.INTERNAL_SERVER_ERROR.value(), "");
    }

    /**
     * The page Spring's {@code /error} shows for the site's paths: what a refusal of that status means, in words (the
     * detail it is handed is the API's, in English).
     */
    @Override
    public ModelAndView page(int status, String message) {
        return show(status, "");
    }

    /** The page for {@code status}, saying {@code message}, or, if empty, what a refusal of that status means. */
    private ModelAndView show(int status, String message) {
        int shown = HEADINGS.contains(status) ? status : status >= 500 ? 500 : 400;
        ModelAndView page = new ModelAndView("site/error", HttpStatusCode.valueOf(status));
        page.addObject("status", shown);
        page.addObject("message", message.isEmpty() ? wordsOr("error.detail." + shown, "error.detail.400") : message);
        return page;
    }

    private String rule(String what, MessageSourceResolvable error) {
        String[] codes = error.getCodes() == null ? new String[0] : error.getCodes();
        String constraint = codes.length == 0 ? "" : codes[codes.length - 1];
        Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
        return switch (constraint) {
            case "Size" -> words("error.rule.size", what, arguments.length > 1 ? arguments[1] : "");
            case "Min" -> words("error.rule.min", what, arguments.length > 1 ? arguments[1] : "");
            case "Max" -> words("error.rule.max", what, arguments.length > 1 ? arguments[1] : "");
            default -> words("error.rule", what);
        };
    }

    /** A parameter in words ("the status asked for"), or by its name in the address when the bundle has none. */
    private String parameter(String name) {
        Locale locale = LocaleContextHolder.getLocale();
        String words = messages.getMessage("error.parameter." + name, null, null, locale);
        return words != null ? words : messages.getMessage("error.parameter", new Object[] {name}, locale);
    }

    private String choices(Class<?> type) {
        String prefix = WORDS.get(type);
        return Arrays.stream(type.getEnumConstants()).map(constant -> prefix == null
                ? ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', ' ')
                : messages.getMessage(prefix + ((Enum<?>) constant).name(), null, LocaleContextHolder.getLocale()))
                     .collect(Collectors.joining(", "));
    }

    /** The sentence {@code key} of the bundle with its arguments. */
    private String words(String key, Object... arguments) {
        return messages.getMessage(key, arguments, LocaleContextHolder.getLocale());
    }

    /** The sentence {@code key}, or {@code fallback} when the bundle has no {@code key}. */
    private String wordsOr(String key, String fallback) {
        Locale locale = LocaleContextHolder.getLocale();
        String found = messages.getMessage(key, null, null, locale);
        return found != null ? found : messages.getMessage(fallback, null, locale);
    }
}
