package org.consensusledger.command.account;

import org.consensusledger.command.web.ApiConfiguration;
import org.consensusledger.command.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    private static final Logger LOGGER = LoggerFactory.getLogger(AccountConfiguration.class);

    @Bean
    FilterRegistrationBean<BearerTokenFilter> bearerTokenFilter(AccountStore accounts, ProblemWriter writer) {
        FilterRegistrationBean<BearerTokenFilter> registration =
                new FilterRegistrationBean<>(new BearerTokenFilter(accounts, writer));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ApiConfiguration.AUTHENTICATION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ConsoleSessionFilter> consoleSessionFilter(AccountStore accounts) {
        FilterRegistrationBean<ConsoleSessionFilter> registration =
                new FilterRegistrationBean<>(new ConsoleSessionFilter(accounts));
        registration.addUrlPatterns("/console", "/console/*");
        registration.setOrder(ApiConfiguration.AUTHENTICATION_ORDER);
        return registration;
    }

    /**
     * On first start there is no account at all: create the secretariat's and print its token, once. Only its hash is
     * kept, so a lost token is replaced by another secretariat account, not recovered.
     */
    @Bean
    ApplicationRunner firstSecretariatAccount(AccountStore accounts) {
        return arguments -> {
            if (!accounts.anySecretariat()) {
                AccountStore.Issued issued = accounts.create(AccountKind.SECRETARIAT, null, "first secretariat account",
                                                             null);
                LOGGER.warn("""

                        ==========================================================================
                        First start: created the secretariat account {}.
                        Its token is shown only this once; keep it safe:

                            {}

                        Use it as:  Authorization: Bearer <token>
                        ==========================================================================""",
                            issued.account().accountId(), issued.token());
            }
        };
    }
}
