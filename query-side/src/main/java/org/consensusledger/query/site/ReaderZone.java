package org.consensusledger.query.site;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reader's time zone: the {@code tz} parameter (an IANA zone id such as {@code Europe/Zurich}) if it names one,
 * else the {@code tz} cookie the site set when the reader chose it, else UTC. Read from nothing else (not from the
 * language, not from a header), so that a page rendered for one zone is kept apart from another's by the page
 * cache's key (the address and the {@code tz} cookie). A value that names no zone (an offset, {@code ../x},
 * {@code Mars/Base}, a long or control-laden string) is ignored: the page is still served, in the zone the reader
 * had, and the zone switch says the value was not understood.
 */
final class ReaderZone {

    static final String PARAMETER = "tz";
    static final String COOKIE = "tz";
    /** No IANA zone id is this long; a longer value is not looked up at all. */
    static final int MAX_LENGTH = 40;
    static final ZoneId UTC = ZoneOffset.UTC;

    /** The zones the switch proposes (any other IANA zone id may be typed). */
    static final List<String> COMMON = List.of(
            "UTC", "Europe/London", "Europe/Lisbon", "Europe/Paris", "Europe/Brussels", "Europe/Berlin",
            "Europe/Zurich", "Europe/Madrid", "Europe/Rome", "Europe/Warsaw", "Europe/Athens", "Europe/Helsinki",
            "Europe/Istanbul", "Europe/Moscow", "Africa/Casablanca", "Africa/Lagos", "Africa/Cairo",
            "Africa/Nairobi", "Africa/Johannesburg", "Asia/Dubai", "Asia/Karachi", "Asia/Kolkata", "Asia/Dhaka",
            "Asia/Bangkok", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo", "Australia/Sydney",
            "Pacific/Auckland", "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Bogota",
            "America/Mexico_City", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
            "Pacific/Honolulu");

    private static final Set<String> KNOWN = ZoneId.getAvailableZoneIds();

    private ReaderZone() {
    }

    /** The zone an IANA id names ({@code UTC} included), or empty for anything else. */
    static Optional<ZoneId> parse(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        if (value.equals("UTC")) {
            return Optional.of(UTC);
        }
        return KNOWN.contains(value) ? Optional.of(ZoneId.of(value)) : Optional.empty();
    }

    /** The reader's zone for this request: the parameter, else the cookie, else UTC. */
    static ZoneId of(HttpServletRequest request) {
        if (request == null) {
            return UTC;
        }
        Optional<ZoneId> chosen = parse(request.getParameter(PARAMETER));
        return chosen.or(() -> parse(cookie(request))).orElse(UTC);
    }

    /** The reader's zone for the request being served (UTC outside one). */
    static ZoneId current() {
        return of(currentRequest());
    }

    /** The {@code tz} parameter when it names no zone, else null. */
    static String refused(HttpServletRequest request) {
        if (request == null) {
            return null;
        }
        String value = request.getParameter(PARAMETER);
        return value == null || value.isEmpty() || parse(value).isPresent() ? null : value;
    }

    static String cookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }

    static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
