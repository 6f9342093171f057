package org.consensusledger.command.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.consensusledger.command.shared.Actor;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * The command API's plumbing, in the order a request meets it: the size limit, authentication (in the account
 * feature), idempotency; then the controllers, which receive the {@link Actor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration implements WebMvcConfigurer {

    /** Filter order: size limit first, then authentication, then idempotency (which needs the account). */
    static final int SIZE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    public static final int AUTHENTICATION_ORDER = SIZE_LIMIT_ORDER + 1;
    static final int IDEMPOTENCY_ORDER = SIZE_LIMIT_ORDER + 2;

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorResolver());
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimitFilter(ApiProperties properties,
                                                                          ProblemWriter writer) {
        FilterRegistrationBean<RequestSizeLimitFilter> registration =
                new FilterRegistrationBean<>(new RequestSizeLimitFilter(properties.maxRequestSize(), writer));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(SIZE_LIMIT_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter writer) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, writer));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(IDEMPOTENCY_ORDER);
        return registration;
    }

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("Consensus Ledger command API").version("1")
                                .description("Records what multi-stakeholder bodies decide by rough consensus. "
                                                     + "Every request needs an account token. Errors are RFC 9457 "
                                                     + "problem responses; responses carry the aggregate version as "
                                                     + "ETag, and If-Match makes a command conditional on it; an "
                                                     + "Idempotency-Key makes a retry safe."))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An account token: the secretariat's is printed once at first start")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
