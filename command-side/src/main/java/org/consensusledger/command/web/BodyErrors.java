package org.consensusledger.command.web;

import org.consensusledger.web.LogSafe;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A request body that could not be read, as the field it concerns and what is wrong with it, in words a person who
 * is not an engineer can act on. Values from the request are echoed only log-safe (control characters escaped, cut
 * when long).
 */
final class BodyErrors {

    /** The field "(body)" stands for the whole body. */
    record BodyError(String field, String message) {
    }

    private static final Set<Class<?>> WHOLE_NUMBERS = Set.of(Integer.class, int.class, Long.class, long.class,
                                                                Short.class, short.class);

    private BodyErrors() {
    }

    /** What is wrong, or null when the body is not JSON at all (or missing). */
    static BodyError of(JacksonException e) {
        if (e instanceof InputCoercionException) {
            return new BodyError(field(e, null), "is a number out of the range this field takes");
        }
        if (e instanceof StreamReadException read) {
            String original = String.valueOf(read.getOriginalMessage());
            JsonParser parser = read.processor();
            if (original.startsWith("Duplicate") && parser != null) {
                return new BodyError(field(e, parser.currentName()), "is given more than once; give each field once");
            }
            return null;
        }
        String field = field(e, null);
        if (e instanceof RequestJson.RefusedValue) {
            return new BodyError(field, e.getOriginalMessage());
        }
        if (e instanceof UnrecognizedPropertyException unrecognized) {
            return new BodyError(field, "is not a field of this request (known fields: "
                    + unrecognized.getKnownPropertyIds() + ")");
        }
        if (!(e instanceof MismatchedInputException mismatched)) {
            return new BodyError(field, "cannot be read");
        }
        Class<?> type = mismatched.getTargetType();
        Object value = e instanceof InvalidFormatException invalid ? invalid.getValue() : null;
        String not = value == null ? "" : ", not " + shown(value);
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return new BodyError("(body)", "must be one JSON object with nothing after it");
        }
        if (e.getPath().isEmpty()) {
            return new BodyError("(body)", "must be a JSON object of the fields this request takes");
        }
        if (type != null && type.isEnum()) {
            return new BodyError(field, "must be one of " + List.of(type.getEnumConstants()) + not);
        }
        if (type == Instant.class) {
            return new BodyError(field, "must be an ISO-8601 instant such as 2026-01-10T09:00:00Z" + not);
        }
        if (WHOLE_NUMBERS.contains(type)) {
            return new BodyError(field, "must be a whole number without quotes, such as 2" + not);
        }
        if (type == Boolean.class || type == boolean.class) {
            return new BodyError(field, "must be true or false, without quotes" + not);
        }
        return new BodyError(field, "has the wrong type" + not);
    }

    private static String shown(Object value) {
        return value instanceof String text ? LogSafe.of(text) : LogSafe.of(value);
    }

    /** {@code members[2].organisationId}, or "(body)"; a name taken from the request is shown log-safe. */
    private static String field(JacksonException e, String last) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                append(path, reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        if (last != null) {
            append(path, last);
        }
        return path.isEmpty() ? "(body)" : LogSafe.of(path);
    }

    private static void append(StringBuilder path, String name) {
        if (!path.isEmpty()) {
            path.append('.');
        }
        path.append(name);
    }
}
