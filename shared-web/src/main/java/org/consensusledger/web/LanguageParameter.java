package org.consensusledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;

import java.io.IOException;

/**
 * {@code ?lang=fr} on a page read (GET or HEAD): that language for this page, remembered in the cookie. What Spring's
 * {@code LocaleChangeInterceptor} does, as a filter, so that it happens before the site's page cache chooses the
 * page to send (an interceptor runs only when a page is rendered). A value naming no language spoken here is ignored.
 * The parameter is read from the query as sent, not through the request's parameters: parsing those here would
 * swallow the error of another, undecodable parameter, which the application must still refuse.
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
        languages.parse(Languages.chosen(request.getQueryString()))
                 .ifPresent(language -> resolver.setLocale(request, response, language));
        chain.doFilter(request, response);
    }
}
