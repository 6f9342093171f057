package org.consensusledger.command.account;

import org.consensusledger.command.web.ApiConfiguration;
import org.consensusledger.command.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.nio.file.Path;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AccountProperties.class)
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
     * When no secretariat account can sign in (on first start there is none at all; later, every one may have expired
     * or been revoked), create one so that the operator can get back in, and write its token to the owner-only file
     * {@code ledger.accounts.first-token-file}: the log says where, never the token, since logs are shipped and kept.
     * Only its hash is kept, so a lost token is replaced by another secretariat account, not recovered. If the file
     * cannot be written, the account is revoked again and the start fails, saying why.
     */
    @Bean
    ApplicationRunner firstSecretariatAccount(AccountStore accounts, AccountProperties properties) {
        return arguments -> {
            if (accounts.anyUsableSecretariat()) {
                return;
            }
            AccountStore.Issued issued = accounts.create(AccountKind.SECRETARIAT, null, "first secretariat account",
                                                         null);
            Path file;
            try {
                file = FirstTokenFile.write(properties.firstTokenFile(), issued.token());
            } catch (IOException | RuntimeException e) {
                accounts.revoke(issued.account().accountId());
                throw new IllegalStateException("No secretariat account could sign in, so one was made, but its "
                        + "token could not be written to " + properties.firstTokenFile().toAbsolutePath() + " ("
                        + e + "): set ledger.accounts.first-token-file to a file in a directory this user can "
                        + "write", e);
            }
            LOGGER.warn("""

                    ==========================================================================
                    No secretariat account could sign in: created the secretariat account {}.
                    Its token is in the file (readable only by this user):

                        {}

                    Sign in with it (Authorization: Bearer <token>, or the console), keep it
                    safe elsewhere and delete the file. It expires on {}.
                    ==========================================================================""",
                        issued.account().accountId(), file, issued.account().tokenExpiresAt());
        };
    }
}
