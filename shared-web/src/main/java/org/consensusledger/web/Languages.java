package org.consensusledger.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The languages an application speaks: those of its message bundles, found on the class path when it starts, so that
 * a translator adds a language with a bundle alone ({@code messages_ar.properties} beside {@code messages.properties},
 * and so for every base name), no code. The base bundles are in English, the language every other falls back to.
 * Each bundle names its language in that language ({@code language.name}) and gives its writing direction
 * ({@code language.direction}: {@code ltr} or {@code rtl}). As {@code @languages} in pages: the language switch.
 */
public final class Languages {

    /** The query parameter that chooses a language ({@code ?lang=fr}), remembered in the cookie of the same name. */
    public static final String PARAMETER = "lang";
    /** The language of the base bundles, which every other bundle falls back to. */
    public static final Locale BASE = Locale.ENGLISH;

    /** Longer than any language tag a bundle can be named after: such a value names none. */
    private static final int LONGEST_TAG = 35;
    /** Longer than any parameter value a page reads (a search is at most 200 characters): left off the switch. */
    private static final int LONGEST_KEPT = 200;

    private final List<Locale> supported;
    private final MessageSource messages;

    Languages(List<Locale> supported, MessageSource messages) {
        this.supported = List.copyOf(supported);
        this.messages = messages;
    }

    /**
     * The languages whose bundles are present for every base name: the base language first, then the others by tag.
     * Candidates are the languages (and language-and-country pairs) the JDK knows, each looked up by name, which
     * works in a directory as in a packed jar.
     */
    public static List<Locale> discover(ClassLoader loader, List<String> basenames) {
        TreeMap<String, Locale> found = new TreeMap<>();
        Set<Locale> candidates = new LinkedHashSet<>();
        for (String language : Locale.getISOLanguages()) {
            candidates.add(new Locale(language));
        }
        for (Locale locale : Locale.getAvailableLocales()) {
            if (!locale.getLanguage().isEmpty() && locale.getScript().isEmpty() && locale.getVariant().isEmpty()) {
                candidates.add(locale);
            }
        }
        for (Locale candidate : candidates) {
            boolean everyBundle = !basenames.isEmpty() && basenames.stream().allMatch(
                    basename -> loader.getResource(basename + "_" + candidate + ".properties") != null);
            if (everyBundle) {
                found.put(candidate.toLanguageTag(), candidate);
            }
        }
        found.remove(BASE.toLanguageTag());
        List<Locale> languages = new ArrayList<>();
        languages.add(BASE);
        languages.addAll(found.values());
        return languages;
    }

    public List<Locale> supported() {
        return supported;
    }

    /** The language spoken for {@code requested}: the same, or the same language without its country; else none. */
    public Optional<Locale> match(Locale requested) {
        if (requested == null || requested.getLanguage().isEmpty()) {
            return Optional.empty();
        }
        Locale withoutCountry = new Locale(requested.getLanguage());
        for (Locale candidate : List.of(requested, withoutCountry)) {
            for (Locale language : supported) {
                if (language.getLanguage().equals(candidate.getLanguage())
                        && language.getCountry().equals(candidate.getCountry())) {
                    return Optional.of(language);
                }
            }
        }
        return supported.stream().filter(language -> language.getLanguage().equals(requested.getLanguage()))
                        .findFirst();
    }

    /** The language a parameter or cookie value names ({@code fr}, {@code pt-BR}, {@code pt_BR}); never throws. */
    public Optional<Locale> parse(String value) {
        if (value == null || value.isBlank() || value.length() > LONGEST_TAG) {
            return Optional.empty();
        }
        try {
            return match(new Locale.Builder().setLanguageTag(value.strip().replace('_', '-')).build());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /** The current language's name in that language, as its bundle gives it. */
    public String name(Locale language) {
        return messages.getMessage("language.name", null, language.getDisplayLanguage(language), language);
    }

    /** {@code rtl} for a language written right to left (its bundle says so), else {@code ltr}. */
    public String direction(Locale language) {
        String direction = messages.getMessage("language.direction", null, "ltr", language);
        return "rtl".equals(direction) ? "rtl" : "ltr";
    }

    /** One entry of the language switch: a link to the same page in that language. */
    public record Link(String tag, String name, String direction, String href, boolean current) {
    }

    /**
     * The language switch of the page being rendered: for every language, the address of this page (its path, as
     * asked for) with {@code lang} set to it and every other query parameter kept, and whether it is the page's
     * language.
     */
    public List<Link> links() {
        Locale current = match(LocaleContextHolder.getLocale()).orElse(BASE);
        HttpServletRequest request = RequestContextHolder.getRequestAttributes()
                instanceof ServletRequestAttributes servlet ? servlet.getRequest() : null;
        String page = request == null ? "/?" : path(request) + "?" + keptQuery(request);
        List<Link> links = new ArrayList<>();
        for (Locale language : supported) {
            String tag = language.toLanguageTag();
            links.add(new Link(tag, name(language), direction(language), page + PARAMETER + "=" + tag,
                               language.equals(current)));
        }
        return links;
    }

    /**
     * The path the reader asked for (not that of the error page it was forwarded to), still escaped as it came, and
     * never one a browser would take for another site's ({@code //host/...}).
     */
    private static String path(HttpServletRequest request) {
        Object asked = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (asked == null) {
            asked = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        }
        String path = asked instanceof String uri ? uri : request.getRequestURI();
        return path == null ? "/" : "/" + path.replaceFirst("^/+", "");
    }

    /** The value of {@code lang} in a query as sent (its last, decoded); none if absent or undecodable. */
    static String chosen(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        String chosen = null;
        for (String parameter : query.split("&")) {
            String[] nameAndValue = parameter.split("=", 2);
            if (nameAndValue.length == 2 && PARAMETER.equals(decoded(nameAndValue[0]))) {
                chosen = decoded(nameAndValue[1]);
            }
        }
        return chosen;
    }

    /** The request's query without {@code lang}, each parameter as it came (still escaped), each ending with &. */
    private static String keptQuery(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null || query.isEmpty()) {
            return "";
        }
        StringBuilder kept = new StringBuilder();
        for (String parameter : query.split("&")) {
            String[] nameAndValue = parameter.split("=", 2);
            String name = decoded(nameAndValue[0]);
            String value = nameAndValue.length == 2 ? decoded(nameAndValue[1]) : "";
            if (!parameter.isEmpty() && !PARAMETER.equals(name) && plausible(name) && plausible(value)) {
                kept.append(parameter).append('&');
            }
        }
        return kept.toString();
    }

    /**
     * Whether a parameter is worth carrying over to the page in another language: one no page takes (a value
     * longer than any the site reads, control characters, what cannot be decoded) is left off, not echoed.
     */
    private static boolean plausible(String text) {
        return text != null && text.length() <= LONGEST_KEPT && text.chars().noneMatch(Character::isISOControl);
    }

    /** A query's name or value decoded; {@code null} when it cannot be. */
    private static String decoded(String escaped) {
        try {
            return URLDecoder.decode(escaped, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
