package org.consensusledger.command.shared;

import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the command side uses Axon: cached aggregates, and what each event's metadata carries over from its command. */
@Configuration(proxyBeanMethods = false)
class AxonSetup {

    /** Aggregates stay in memory while used (a meeting's proposal, its body); the log stays the truth. */
    @Bean
    Cache aggregateCache() {
        return new WeakReferenceCache();
    }

    /** recordedBy, actingFor, commandId and idempotencyKey go from the command onto every event it produces. */
    @Bean
    CorrelationDataProvider commandMetaData() {
        return new SimpleCorrelationDataProvider("recordedBy", "actingFor", "commandId", "idempotencyKey");
    }

    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
