package org.consensusledger.command.ratelimit;

import org.consensusledger.command.web.ApiConfiguration;
import org.consensusledger.web.FailedTokenLimit;
import org.consensusledger.web.RateLimiters;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command side's rate limits ({@code ledger.rate-limits.…}): failed authentication per client address (API tokens
 * and console sign-ins together), sign-ins and commands per account, anonymous console sessions per address.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    SignInLimits signInLimits(RateLimiters limiters) {
        return new SignInLimits(limiters.of(limiters.limits().failedAuthentication()),
                                limiters.of(limiters.limits().signIns()),
                                limiters.of(limiters.limits().anonymousSessions()));
    }

    @Bean
    FilterRegistrationBean<FailedTokenLimit> failedTokenLimit(SignInLimits signIns) {
        FilterRegistrationBean<FailedTokenLimit> registration =
                new FilterRegistrationBean<>(new FailedTokenLimit(signIns.failedAuthentication()));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ApiConfiguration.FAILED_AUTHENTICATION_LIMIT_ORDER);
        return registration;
    }

    /** Before Spring Security's filter on the same path (at the authentication order). */
    @Bean
    FilterRegistrationBean<ProviderSignInLimit> providerSignInLimit(SignInLimits signIns) {
        FilterRegistrationBean<ProviderSignInLimit> registration =
                new FilterRegistrationBean<>(new ProviderSignInLimit(signIns));
        registration.addUrlPatterns("/oauth2/authorization/*");
        registration.setOrder(ApiConfiguration.FAILED_AUTHENTICATION_LIMIT_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CommandLimit> commandLimit(RateLimiters limiters) {
        FilterRegistrationBean<CommandLimit> registration =
                new FilterRegistrationBean<>(new CommandLimit(limiters.of(limiters.limits().commands())));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ApiConfiguration.COMMAND_LIMIT_ORDER);
        return registration;
    }
}
