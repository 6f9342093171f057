package org.consensusledger.web;

import io.github.bucket4j.TimeMeter;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The web plumbing both applications share: every error a problem response (Tomcat's own reports and Spring's
 * {@code /error} included; pages for people where the application has an {@link ErrorPages}), refusals logged in one
 * line, the rules on texts and instants taken from paths and queries, and the rate limits' buckets.
 */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({DispatcherServlet.class, Tomcat.class})
@EnableConfigurationProperties({InstantWindow.class, RateLimits.class})
public class WebAutoConfiguration {

    @Bean
    ProblemErrorReportCustomizer problemErrorReportCustomizer(ListableBeanFactory beans) {
        return new ProblemErrorReportCustomizer(beans.getBeanNamesForType(ErrorPages.class).length > 0);
    }

    @Bean
    @ConditionalOnMissingBean(ErrorController.class)
    ProblemErrorController problemErrorController(ErrorAttributes errors, ObjectProvider<ErrorPages> pages) {
        return new ProblemErrorController(errors, pages);
    }

    @Bean
    FilterRegistrationBean<RequestLog> requestLog(RateLimits limits) {
        FilterRegistrationBean<RequestLog> registration =
                new FilterRegistrationBean<>(new RequestLog(limits.trackedKeys()));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<EmptyErrorBodies> emptyErrorBodies() {
        FilterRegistrationBean<EmptyErrorBodies> registration = new FilterRegistrationBean<>(new EmptyErrorBodies());
        registration.addUrlPatterns("/actuator/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    ProblemLogging problemLogging() {
        return new ProblemLogging();
    }

    @Bean
    MalformedParameters malformedParameters() {
        return new MalformedParameters();
    }

    @Bean
    TextParameters textParameters() {
        return new TextParameters();
    }

    @Bean
    InstantParameters instantParameters(InstantWindow window) {
        return new InstantParameters(window);
    }

    /** The rate limits' clock; a test defines its own to move time instead of waiting. */
    @Bean
    @ConditionalOnMissingBean(TimeMeter.class)
    TimeMeter rateLimitClock() {
        return TimeMeter.SYSTEM_NANOTIME;
    }

    @Bean
    RateLimiters rateLimiters(RateLimits limits, TimeMeter clock) {
        return new RateLimiters(limits, clock);
    }
}
