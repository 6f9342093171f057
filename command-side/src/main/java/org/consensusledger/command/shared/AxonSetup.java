package org.consensusledger.command.shared;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.spring.config.SpringAggregateConfigurer;
import org.consensusledger.events.MetadataKeys;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the command side uses Axon: cached aggregates, and what each event's metadata carries over from its command. */
@Configuration(proxyBeanMethods = false)
class AxonSetup {

    /*
     * Aggregates stay in memory while used (a meeting's proposals, their body); the log stays the truth. One cache per
     * aggregate type: a cache is keyed by id alone, so a shared one would hand a proposal to whoever asks for a body
     * with that proposal's id.
     */

    @Bean
    Cache organisationCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache bodyCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache meetingCache() {
        return new WeakReferenceCache();
    }

    @Bean
    Cache proposalCache() {
        return new WeakReferenceCache();
    }

    /** recordedBy, actingFor, commandId and idempotencyKey go from the command onto every event it produces. */
    @Bean
    CorrelationDataProvider commandMetaData() {
        return new SimpleCorrelationDataProvider(MetadataKeys.RECORDED_BY, MetadataKeys.ACTING_FOR,
                                                 MetadataKeys.COMMAND_ID, MetadataKeys.IDEMPOTENCY_KEY);
    }

    /**
     * Every aggregate reads only the events of its own type: an id of a body sent where a proposal's belongs is then
     * an unknown proposal (404), not a body's events applied to a proposal. {@code @Aggregate(filterEventsByType)}
     * would say the same, but Axon 4.13's Spring aggregate lookup does not pass that attribute on, so it is set on
     * every aggregate's configurer here.
     */
    @Bean
    static BeanFactoryPostProcessor filterEventsByAggregateType() {
        return beanFactory -> {
            for (String name : beanFactory.getBeanNamesForType(SpringAggregateConfigurer.class, true, false)) {
                beanFactory.getBeanDefinition(name).getPropertyValues().add("filterEventsByType", true);
            }
        };
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
