package org.consensusledger.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The management port of its own ({@code management.server.port}) answers its errors as problems too: Spring Boot
 * gives that port an error endpoint of its own, in a context of its own that the applications' web configuration does
 * not reach, which would answer an unknown path with its default JSON. This filter answers the error dispatch there
 * with {@code application/problem+json} instead; and an error the actuator answers with no body at all gets one
 * ({@link EmptyErrorBodies}), as on the application's port.
 */
@ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class ManagementProblems {

    @Bean
    FilterRegistrationBean<Filter> managementProblems() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(ManagementProblems::answer);
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.ERROR);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EmptyErrorBodies> managementEmptyErrorBodies() {
        FilterRegistrationBean<EmptyErrorBodies> registration = new FilterRegistrationBean<>(new EmptyErrorBodies());
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    private static void answer(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status)
                || status < 400 || status > 599 || response.isCommitted()) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(status);
        http.setContentType("application/problem+json");
        http.setCharacterEncoding(StandardCharsets.UTF_8.name());
        http.getWriter().write(ProblemTypes.json(status, ProblemTypes.name(status), ProblemTypes.title(status),
                                                 ProblemTypes.detail(status)));
    }
}
