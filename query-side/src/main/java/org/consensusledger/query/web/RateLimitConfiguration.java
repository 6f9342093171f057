package org.consensusledger.query.web;

import org.consensusledger.web.FailedTokenLimit;
import org.consensusledger.web.RateLimiters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The query side's rate limits: expensive queries per client address ({@link ExpensiveQueries}), and failed tokens
 * per client address on the administration ({@code /api/admin/*}, which takes the secretariat's token), as on the
 * command side ({@code ledger.rate-limits.failed-authentication}, counted here on its own); the web's only (the
 * command-line replay starts without them).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RateLimitConfiguration implements WebMvcConfigurer {

    private final RateLimiters limiters;

    RateLimitConfiguration(RateLimiters limiters) {
        this.limiters = limiters;
    }

    /** Right after the request log (which logs its refusals), before anything looks at the token. */
    @Bean
    FilterRegistrationBean<FailedTokenLimit> failedTokenLimit() {
        FilterRegistrationBean<FailedTokenLimit> registration = new FilterRegistrationBean<>(
                new FailedTokenLimit(limiters.of(limiters.limits().failedAuthentication())));
        registration.addUrlPatterns("/api/admin/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ExpensiveQueries(limiters.of(limiters.limits().expensiveQueries())));
    }
}
