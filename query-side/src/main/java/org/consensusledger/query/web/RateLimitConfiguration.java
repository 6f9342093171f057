package org.consensusledger.query.web;

import org.consensusledger.web.RateLimiters;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The query side's rate limit: expensive queries per client address ({@link ExpensiveQueries}); the web's only (the
 * command-line replay starts without it).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class RateLimitConfiguration implements WebMvcConfigurer {

    private final RateLimiters limiters;

    RateLimitConfiguration(RateLimiters limiters) {
        this.limiters = limiters;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ExpensiveQueries(limiters.of(limiters.limits().expensiveQueries())));
    }
}
