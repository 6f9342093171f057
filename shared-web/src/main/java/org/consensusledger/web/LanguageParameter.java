package org.consensusledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;

/**
 * {@code ?lang=fr} on a page read (GET or HEAD): that language for this page, remembered in the cookie. What Spring's
 * {@code LocaleChangeInterceptor} does, as a filter, so that it happens before the site's page cache chooses the
 * page to send (an interceptor runs only when a page is rendered). A value naming no language spoken here is ignored.
 */
class LanguageParameter extends OncePerRequestFilter {

    private final Languages languages;
    private final LocaleResolver resolver;

    LanguageParameter(Languages languages, LocaleResolver resolver) {
        this.languages = languages;
        this.resolver = resolver;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod()));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String chosen = null;
        try {
            chosen = request.getParameter(Languages.PARAMETER);
        } catch (InvalidParameterException e) {
            // an undecodable query: refused as such further on (MalformedParameters)
        }
        languages.parse(chosen).ifPresent(language -> resolver.setLocale(request, response, language));
        chain.doFilter(request, response);
    }
}
