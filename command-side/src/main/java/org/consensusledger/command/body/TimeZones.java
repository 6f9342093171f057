package org.consensusledger.command.body;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;

/**
 * A body's time zone: an IANA zone id the JDK knows ({@code Europe/Zurich}, {@code UTC}), written exactly; not an
 * offset ({@code +01:00}), which would not follow summer time.
 */
final class TimeZones {

    /** No IANA zone id is longer. */
    static final int MAX_LENGTH = 40;

    private TimeZones() {
    }

    static boolean known(String zone) {
        return zone != null && zone.length() <= MAX_LENGTH
                && (zone.equals("UTC") || ZoneId.getAvailableZoneIds().contains(zone));
    }

    /** Why a value is refused, in words (the value itself is not repeated: it goes back to the client and to logs). */
    static String refusal(String zone) {
        return "timeZone is not a time zone the ledger knows: write an IANA time zone id such as Europe/Zurich, "
                + "America/New_York or UTC (not an offset such as +01:00)";
    }

    /** On a request field: null, blank (UTC) or a known zone id. */
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Known.Check.class)
    @interface Known {

        String message() default "must be an IANA time zone id such as Europe/Zurich or UTC";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        final class Check implements ConstraintValidator<Known, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || value.isBlank() || known(value.strip());
            }
        }
    }
}
