package org.consensusledger.query.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.query.projection.Rebuilds;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The public site's pages and feeds, rendered once and then served from memory until what they are built from moves
 * on. A page is kept under its address and its version ({@link SiteVersion}: the position of the dossier or meeting
 * it shows, or of every read model for the other pages); once that has changed, the page is rendered afresh on its
 * next request. Each page is kept as sent and compressed (gzip,
 * which every browser accepts), and carries the positions as its {@code ETag}, so a browser's revalidation costs a
 * {@code 304}. While one request renders a page afresh, others for the same page are sent the one before (at most
 * a render older), so a change never makes every waiting visitor render the same page at once. Only successful pages
 * are kept, within {@code ledger.site.page-cache-size} bytes (Caffeine's eviction: the least used go first).
 * A page is kept for each language and time zone it is read in: the language resolved for the request (its choice,
 * its cookie, or {@code Accept-Language}) and the {@code tz} cookie as sent are part of its key and its ETag, and
 * every page says so ({@code Vary: Accept-Language, Cookie}), so a reader never gets a page made for another. A page is
 * kept with its {@code Content-Type} and its {@code Content-Language}, and sent with both from memory as rendered.
 * It is also kept with the media types its controller {@code produces} (none: any): a request whose {@code Accept}
 * allows none of them is not answered from memory but goes on to the controller, which refuses it ({@code 406}), so
 * that a feed answers the same {@code Accept} alike whether it is kept or not.
 * <p>
 * A rebuild of the read models ({@link Rebuilds}: a replay, a reset of a processor) drops every page: a repaired
 * dossier has the position it had before, so its version alone would not tell the page kept from the right one.
 */
class PageCache extends OncePerRequestFilter {

    /**
     * A page as rendered: {@code contentLanguage} the language tag it was rendered in ({@code null} if it names none),
     * {@code produces} what its controller may answer (empty: anything).
     */
    record Page(String version, int status, String contentType, String contentLanguage, List<MediaType> produces,
                byte[] plain, byte[] compressed, String etag) {
    }

    private final Cache<String, Page> pages;
    private final SiteVersion version;
    private final Set<String> rendering = ConcurrentHashMap.newKeySet();
    private final LocaleResolver languages;

    PageCache(long maximumBytes, SiteVersion version, Rebuilds rebuilds, LocaleResolver languages) {
        this.pages = Caffeine.newBuilder().maximumWeight(maximumBytes)
                             .weigher((String key, Page page) -> key.length() + page.plain().length
                                     + page.compressed().length)
                             .build();
        this.version = version;
        this.languages = languages;
        // Every page's version names the rebuild, so none kept before would be sent as current; dropping them also
        // keeps a request from being sent one while the page is rendered afresh.
        rebuilds.onRebuild(pages::invalidateAll);
    }

    /** Pages and feeds only: not the JSON API, the stylesheet or the actuator. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        boolean site = path.equals("/") || path.startsWith("/bodies/") || path.equals("/proposals")
                || path.startsWith("/proposals/") || path.startsWith("/meetings/") || path.startsWith("/feeds/")
                || path.equals("/open-data") || path.startsWith("/organisations/");
        return !site || !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String reader = reader(request);
        String current = version.of(request.getRequestURI(), request.getQueryString()) + " " + reader;
        String key = reader + " " + request.getRequestURI()
                + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Page page = pages.getIfPresent(key);
        if (page != null && !accepted(page, request)) {
            chain.doFilter(request, response); // the controller refuses it (406), as it would have the first time
            return;
        }
        if (page != null && page.version().equals(current)) {
            send(page, request, response);
            return;
        }
        boolean claimed = rendering.add(key);
        if (page != null && !claimed) {
            send(page, request, response); // being rendered afresh by another request
            return;
        }
        try {
            render(key, current, request, response, chain);
        } finally {
            if (claimed) {
                rendering.remove(key);
            }
        }
    }

    /** What, besides its address, makes a page differ from one reader to another: the language and the time zone. */
    private String reader(HttpServletRequest request) {
        // the zone cookie as sent, not as read: a page also says when a zone was refused, naming it
        Cookie zone = WebUtils.getCookie(request, ReaderZone.COOKIE);
        return languages.resolveLocale(request).toLanguageTag() + " " + (zone == null ? "" : zone.getValue());
    }

    private void render(String key, String current, HttpServletRequest request, HttpServletResponse response,
                        FilterChain chain) throws IOException, ServletException {
        Rendering rendered = new Rendering(response);
        chain.doFilter(request, rendered);
        if (rendered.getStatus() != HttpServletResponse.SC_OK) {
            rendered.copyBodyToResponse();
            return;
        }
        byte[] plain = rendered.getContentAsByteArray();
        Page page = new Page(current, rendered.getStatus(), rendered.getContentType(), rendered.language(),
                             produces(request), plain, gzip(plain), etag(current));
        pages.put(key, page);
        rendered.resetBuffer();
        send(page, request, response);
    }

    private static void send(Page page, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader(HttpHeaders.ETAG, page.etag());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
        response.setHeader(HttpHeaders.VARY, String.join(", ", HttpHeaders.ACCEPT_ENCODING,
                                                         HttpHeaders.ACCEPT_LANGUAGE, HttpHeaders.COOKIE));
        if (page.etag().equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        response.setStatus(page.status());
        response.setContentType(page.contentType());
        if (page.contentLanguage() != null) {
            response.setHeader(HttpHeaders.CONTENT_LANGUAGE, page.contentLanguage());
        }
        String accepted = request.getHeader(HttpHeaders.ACCEPT_ENCODING);
        byte[] body = page.plain();
        if (accepted != null && accepted.contains("gzip")) {
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
            body = page.compressed();
        }
        response.setContentLength(body.length);
        if (!"HEAD".equals(request.getMethod())) {
            response.getOutputStream().write(body);
        }
    }

    /** What the controller that rendered the page declares it produces ({@code @GetMapping(produces)}). */
    private static List<MediaType> produces(HttpServletRequest request) {
        if (request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE) instanceof HandlerMethod handler) {
            RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                                                                                RequestMapping.class);
            if (mapping != null) {
                return List.copyOf(MediaType.parseMediaTypes(List.of(mapping.produces())));
            }
        }
        return List.of();
    }

    /**
     * Whether the request's {@code Accept} allows what the page's controller produces, as the controller's mapping
     * decides: no {@code Accept}, or no {@code produces}, allows anything; an {@code Accept} that cannot be read is
     * left to the controller.
     */
    private static boolean accepted(Page page, HttpServletRequest request) {
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (page.produces().isEmpty() || accept.isEmpty()) {
            return true;
        }
        List<MediaType> asked;
        try {
            asked = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        return asked.isEmpty() || asked.stream().anyMatch(
                type -> page.produces().stream().anyMatch(type::isCompatibleWith));
    }

    /** The response as rendered, remembering the language it was given (sent as {@code Content-Language}). */
    private static final class Rendering extends ContentCachingResponseWrapper {

        private Locale locale;

        Rendering(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setLocale(Locale locale) {
            super.setLocale(locale);
            this.locale = locale;
        }

        String language() {
            return locale == null ? null : locale.toLanguageTag();
        }
    }

    private static String etag(String version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(version.getBytes(StandardCharsets.UTF_8));
            return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(plain.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }
}
