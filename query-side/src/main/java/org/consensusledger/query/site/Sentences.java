package org.consensusledger.query.site;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * For the pages ({@code @say}): sentences from the bundle with links in them — "{0} declared rough consensus on
 * {1}" with the organisation and the version as links — so that a translation may put the names where its language
 * wants them. The sentence is asked for with its placeholders as arguments ({@code #messages.msg(key, '{0}', '{1}')}),
 * escaped whole, and only then are the placeholders filled with the links made here, themselves escaped.
 */
@Component("say")
class Sentences {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,2})\\}");

    /**
     * The sentence (from the bundle, placeholders kept) escaped, with {@code {0}}, {@code {1}}… filled with HTML in
     * one pass, so that a placeholder written inside a recorded text is never filled in its turn.
     */
    public String fill(String sentence, String... html) {
        Matcher placeholder = PLACEHOLDER.matcher(HtmlUtils.htmlEscape(sentence == null ? "" : sentence,
                                                                        StandardCharsets.UTF_8.name()));
        StringBuilder filled = new StringBuilder();
        while (placeholder.find()) {
            int index = Integer.parseInt(placeholder.group(1));
            String part = index < html.length && html[index] != null ? html[index] : "";
            placeholder.appendReplacement(filled, Matcher.quoteReplacement(part));
        }
        placeholder.appendTail(filled);
        return filled.toString();
    }

    /** An organisation by name, linked to its page; {@code unnamed} (words) if its name is not known. */
    public String organisation(String id, Map<String, String> names, String unnamed) {
        String name = id == null || names == null ? null : names.get(id);
        if (id == null) {
            return escape(unnamed);
        }
        return link("/organisations/" + segment(id), name == null ? unnamed : name);
    }

    /** A meeting by its title, linked to its minutes; {@code untitled} (words) if its title is not known. */
    public String meeting(String id, Map<String, String> titles, String untitled) {
        String title = titles == null ? null : titles.get(id);
        return link("/meetings/" + segment(id), title == null ? untitled : title);
    }

    /** The words naming a version ("version 2"), linked to that version's text on the same page. */
    public String version(int version, String words) {
        return "<a href=\"#version-" + version + "\">" + escape(words) + "</a>";
    }

    /** A moment as shown ({@code shown}), with its exact instant ({@code iso}) for machines. */
    public String time(String iso, String shown) {
        return "<time datetime=\"" + escape(iso) + "\">" + escape(shown) + "</time>";
    }

    /** A recorded text, quoted. */
    public String quote(String text) {
        return "<q>" + escape(text) + "</q>";
    }

    /** Plain words, escaped. */
    public String text(String words) {
        return escape(words);
    }

    private static String link(String path, String words) {
        return "<a href=\"" + escape(contextPath() + path) + "\">" + escape(words) + "</a>";
    }

    private static String segment(String id) {
        return UriUtils.encodePathSegment(id == null ? "" : id, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String contextPath() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getContextPath();
        }
        return "";
    }
}
