package org.consensusledger.query.web;

import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.web.RefusedInput;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A proposal's status or outcome in a query ({@code status}, {@code outcome}) is read as the published language's
 * word for it, so the words the API and the site take are the lifecycle's own. Blank is no filter (the site's
 * "any"); any other value is refused with 400 naming the parameter and the words it takes ({@code status must match
 * "OPEN|CALL_OPEN|..."}, as when they were a pattern), never echoing it.
 */
@Configuration(proxyBeanMethods = false)
class LifecycleParameters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, ProposalStatus.class, text -> named(ProposalStatus.class, text));
        registry.addConverter(String.class, ProposalOutcome.class, text -> named(ProposalOutcome.class, text));
    }

    static <E extends Enum<E>> E named(Class<E> type, String text) {
        if (text.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        throw new RefusedInput("must match \"" + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                                                       .collect(Collectors.joining("|")) + "\"");
    }
}
