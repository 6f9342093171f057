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
 * The command API's plumbing, in the order a request meets it: the size limit, content negotiation, the failed-token
 * limit (in the ratelimit feature), authentication (in the account feature), the command limit, idempotency; then the
 * controllers, which receive the {@link Actor}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiProperties.class)
public class ApiConfiguration implements WebMvcConfigurer {

    /**
     * Filter order: size limit first, then content negotiation (refused media types use up nothing), then the limit
     * on failed tokens (an address that used up its attempts is not even looked up), authentication, the limit on
     * commands per account (which needs the account), then idempotency (which needs the account).
     */
    static final int SIZE_LIMIT_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    /** Before every other filter of the API, so that even their refusals carry it. */
    static final int NO_SNIFF_ORDER = SIZE_LIMIT_ORDER - 1;
    static final int NEGOTIATION_ORDER = SIZE_LIMIT_ORDER + 1;
    public static final int FAILED_AUTHENTICATION_LIMIT_ORDER = SIZE_LIMIT_ORDER + 2;
    public static final int AUTHENTICATION_ORDER = SIZE_LIMIT_ORDER + 3;
    public static final int COMMAND_LIMIT_ORDER = SIZE_LIMIT_ORDER + 4;
    static final int IDEMPOTENCY_ORDER = SIZE_LIMIT_ORDER + 5;

    private static final String DESCRIPTION = """
            Records what multi-stakeholder bodies decide by rough consensus. Every request needs an account token. \
            Requests and answers are JSON: a body is sent as Content-Type: application/json (UTF-8), and Accept must \
            take application/json (or be left out); otherwise 415 or 406, before anything runs. Bodies are read \
            strictly: a value of the wrong JSON type (true or 3 for a text, "2" or 2.5 for a whole number, a number \
            for an enum), an unknown field, a field given twice or anything after the JSON value is refused with 400 \
            naming the field. Texts, in bodies and in paths and queries: line breaks are kept as LF; control \
            characters other than line breaks and tabs, lone surrogates, Unicode noncharacters (U+FFFE, U+FFFF, ...) \
            and bidirectional formatting characters (U+202A-U+202E, U+2066-U+2069) are refused, naming the \
            character as U+XXXX; what is stored is Unicode NFC, and a text's SHA-256 is over exactly its stored \
            UTF-8 bytes. Instants lie between 1970-01-01T00:00:00Z (inclusive) and 2200-01-01T00:00:00Z \
            (exclusive) unless configured otherwise. Errors are RFC 9457 problem responses (type \
            urn:consensus-ledger:problem:<name>); nothing is stored on any error. A command a rule of the ledger \
            forbids is answered 409 naming the rule (member rule) and, where something may still be done instead, \
            the steps allowed (member next: a list of {action, method, href}). Responses carry the aggregate \
            version as ETag, and If-Match makes a command conditional on it; an Idempotency-Key makes a retry \
            safe. Rate limits: after too many failed tokens from one address, every request presenting a token \
            from it, and beyond the commands an account may send in a while, are answered 429 too-many-requests \
            with Retry-After (seconds). While the ledger's database cannot store anything (its disk is full), every \
            command is answered 503 storage-unavailable with Retry-After (seconds): nothing was recorded; send the \
            same request again later (with the same Idempotency-Key, if it had one). Reads go on.""";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new ActorResolver());
    }

    @Bean
    FilterRegistrationBean<NoSniffFilter> noSniffFilter() {
        FilterRegistrationBean<NoSniffFilter> registration = new FilterRegistrationBean<>(new NoSniffFilter());
        registration.addUrlPatterns("/api/*");
        registration.setOrder(NO_SNIFF_ORDER);
        return registration;
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
    FilterRegistrationBean<ContentNegotiationFilter> contentNegotiationFilter(ProblemWriter writer) {
        FilterRegistrationBean<ContentNegotiationFilter> registration =
                new FilterRegistrationBean<>(new ContentNegotiationFilter(writer));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(NEGOTIATION_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyStore store, ProblemWriter writer,
                                                                StoredCommands log) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(store, writer, log));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(IDEMPOTENCY_ORDER);
        return registration;
    }

    @Bean
    OpenAPI commandApi() {
        return new OpenAPI()
                .info(new Info().title("Consensus Ledger command API").version("1")
                                .description(DESCRIPTION))
                .components(new Components().addSecuritySchemes("token", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An account token: the secretariat's is printed once at first start")))
                .addSecurityItem(new SecurityRequirement().addList("token"));
    }
}
