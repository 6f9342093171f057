package org.consensusledger.query.web;

import org.consensusledger.web.RateLimiters;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The query side's rate limit: expensive queries per client address ({@link ExpensiveQueries}). */
@Configuration(proxyBeanMethods = false)
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
