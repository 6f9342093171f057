package org.consensusledger.eventlog.spring;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.autoconfig.AxonAutoConfiguration;
import org.bson.Document;
import org.consensusledger.eventlog.JournaledWrites;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.LedgerSerializers;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.env.Environment;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Wires the ledger's event log into Axon for both applications: JSON serializers, the gap-free storage engine, the
 * event store that feeds processors from it, and Axon's MongoDB token store, all on the MongoDB that Spring Boot
 * connects to ({@code spring.mongodb.uri}).
 */
@AutoConfiguration(before = AxonAutoConfiguration.class, after = MongoAutoConfiguration.class)
@EnableConfigurationProperties({EventLogProperties.class, NodeProperties.class, LoggingProperties.class})
public class EventLogAutoConfiguration {

    @Bean
    @Primary
    Serializer serializer() {
        return LedgerSerializers.serializer();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    LedgerDatabase ledgerDatabase(MongoClient client, MongoConnectionDetails connection,
                                  EventLogProperties properties) {
        String named = connection.getConnectionString().getDatabase();
        return new LedgerDatabase(client.getDatabase(named != null ? named : properties.database()));
    }

    @Bean
    LedgerEventStorageEngine eventStorageEngine(LedgerDatabase database, Serializer serializer,
                                                EventLogProperties properties) {
        return LedgerEventStorageEngine.builder()
                                       .database(database.get())
                                       .eventSerializer(serializer)
                                       .snapshotSerializer(serializer)
                                       .batchSize(properties.batchSize())
                                       .build();
    }

    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine engine, Configuration configuration,
                                  EventLogProperties properties) {
        return EmbeddedEventStore.builder()
                                 .storageEngine(engine)
                                 .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                                 .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                                 .fetchDelay(properties.fetchDelay().toMillis())
                                 .timeUnit(TimeUnit.MILLISECONDS)
                                 .build();
    }

    /**
     * Axon's token store on MongoDB, wrapped so that no processor's token is stored before the read-model writes
     * of its batch ({@link WritesFirstTokenStore}), and writing journaled: a token is acknowledged only once it, and
     * so every write before it (the batch's documents), is in the journal or the embedded server's file. Without
     * that, a database that crashed and came back while a processor kept running would have lost the documents of
     * batches the processor had seen acknowledged, and the processor, going on from where it was, would build later
     * documents on the older ones it reads back (seen in the crash test: a meeting's minutes lacked five events).
     */
    @Bean
    TokenStore tokenStore(LedgerDatabase database, Serializer serializer, LedgerNode node) {
        DefaultMongoTemplate template = DefaultMongoTemplate.builder()
                                                            .mongoDatabase(database.journaled())
                                                            .trackingTokensCollectionName(
                                                                    LedgerCollection.TRACKING_TOKENS.collectionName())
                                                            .build();
        MongoTokenStore tokenStore = MongoTokenStore.builder()
                                                    .mongoTemplate(template)
                                                    .serializer(serializer)
                                                    .nodeId(node.id())
                                                    .build();
        tokenStore.ensureIndexes();
        return new WritesFirstTokenStore(tokenStore);
    }

    /**
     * An event handler that fails fails its whole batch (Axon's default would log the error and go on to the next
     * event, skipping it for ever): the batch rolls back, its token stays where it was, and the processor stops at
     * the event and tries again with growing pauses. A read model either has an event or is visibly behind it.
     */
    @Bean
    ConfigurerModule handlerErrorsStopTheProcessor() {
        return configurer -> configurer.eventProcessing().registerDefaultListenerInvocationErrorHandler(
                configuration -> PropagatingErrorHandler.instance());
    }

    @Bean
    LedgerNode ledgerNode(NodeProperties properties, Environment environment) {
        String configured = properties.nodeId();
        if (configured != null && !configured.isBlank()) {
            return new LedgerNode(configured);
        }
        return new LedgerNode(LedgerNode.generated(environment.getProperty("spring.application.name", "ledger")));
    }

    @Bean
    EventLogHealthIndicator eventLogHealthIndicator(LedgerEventStorageEngine engine) {
        return new EventLogHealthIndicator(engine);
    }

    /** {@code storage} in the health: DOWN while the database refuses writes for want of disk space. */
    @Bean("storage")
    StorageHealth storageHealth(ObjectProvider<LedgerDatabase> database,
                                ObjectProvider<RepeatedLogLinesRegistration> repeats) {
        return new StorageHealth(() -> database.getObject().get(),
                                 () -> repeats.ifAvailable(RepeatedLogLinesRegistration::summariseNow));
    }

    /** The storage's health watches every command of the client Spring Boot builds. */
    @Bean
    MongoClientSettingsBuilderCustomizer storageHealthListener(StorageHealth storage) {
        return settings -> settings.addCommandListener(storage);
    }

    /** One log line per distinct failure: {@link RepeatedLogLines}, in logback when the application runs on it. */
    @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "ch.qos.logback.classic.LoggerContext")
    static class RepeatedLogLinesConfiguration {

        @Bean
        RepeatedLogLinesRegistration repeatedLogLines(LoggingProperties properties) {
            return new RepeatedLogLinesRegistration(new RepeatedLogLines(properties.repeatsWindow()));
        }
    }

    /**
     * This running instance, as it claims event-processing segments in the token store. Two instances must never
     * share an id (in containers every process may be pid 1), so unless {@code ledger.node-id} names one, it is the
     * application's name, the process id and a random part, new at each start.
     */
    public record LedgerNode(String id) {
        static String generated(String applicationName) {
            return applicationName + "-" + ProcessHandle.current().pid() + "-"
                    + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /**
     * The ledger's MongoDB database, named once for every component that stores something in it. The applications
     * open its collections here, by {@link LedgerCollection}, never by a name of their own: each collection has one
     * writer and named readers (docs/architecture.md), which their architecture tests check.
     */
    public record LedgerDatabase(MongoDatabase database) {
        /** For what can be rebuilt from the event log (read models, tokens): the connection's write concern. */
        public MongoDatabase get() {
            return database;
        }

        /** For what must never be lost once acknowledged: see {@link JournaledWrites}. */
        public MongoDatabase journaled() {
            return JournaledWrites.of(database);
        }

        /** A collection that can be rebuilt from the event log, written with the connection's write concern. */
        public MongoCollection<Document> collection(LedgerCollection collection) {
            return database.getCollection(collection.collectionName());
        }

        /** The same, read and written as {@code type}. */
        public <T> MongoCollection<T> collection(LedgerCollection collection, Class<T> type) {
            return database.getCollection(collection.collectionName(), type);
        }

        /** A collection whose writes must never be lost once acknowledged: journaled writes. */
        public MongoCollection<Document> journaled(LedgerCollection collection) {
            return journaled().getCollection(collection.collectionName());
        }

        /** The same, read and written as {@code type}. */
        public <T> MongoCollection<T> journaled(LedgerCollection collection, Class<T> type) {
            return journaled().getCollection(collection.collectionName(), type);
        }
    }
}
