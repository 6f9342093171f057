package org.consensusledger.query.site;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * The security headers of every answer of the query side, set before anything else answers (the page cache, its
 * {@code 304}s, error pages included):
 * <ul>
 * <li>everywhere: {@code X-Content-Type-Options: nosniff}, so that a recorded text is never run as a script or a
 * stylesheet;</li>
 * <li>the public site's pages, feeds and error pages: a Content-Security-Policy that allows nothing but this site's
 * own stylesheet, images and scripts (none inline: the pages need none, and hold no script today), no framing by another
 * site, forms sent only here, no {@code <base>}; and {@code Referrer-Policy: same-origin};</li>
 * <li>the JSON APIs ({@code /api/**}) and the OpenAPI description: {@code Referrer-Policy: no-referrer}. Swagger UI
 * and the OpenAPI description get no page policy (Swagger UI runs its own scripts).</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityHeaders {

    static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    FilterRegistrationBean<Filter> securityHeadersFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(new Filter());
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.ASYNC);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    static boolean isPage(String path) {
        return !(path.startsWith("/api/") || path.startsWith("/v3/api-docs") || path.startsWith("/swagger-ui")
                || path.startsWith("/actuator"));
    }

    static final class Filter extends OncePerRequestFilter {

        @Override
        protected boolean shouldNotFilterErrorDispatch() {
            return false;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            Object original = request.getAttribute("jakarta.servlet.error.request_uri");
            String path = original instanceof String uri ? uri : request.getRequestURI();
            response.setHeader("X-Content-Type-Options", "nosniff");
            if (isPage(path)) {
                response.setHeader("Content-Security-Policy", POLICY);
                response.setHeader("Referrer-Policy", "same-origin");
            } else {
                response.setHeader("Referrer-Policy", "no-referrer");
            }
            chain.doFilter(request, response);
        }
    }
}
