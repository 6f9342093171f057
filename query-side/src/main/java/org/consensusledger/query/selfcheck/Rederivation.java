package org.consensusledger.query.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.StoredTimestamps;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.query.projection.ReadModel;
import org.consensusledger.query.projection.TokenPositions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One part of the log derived again into read-model documents, with the projections' own handlers, and compared with
 * the stored documents. A part is the events of one body with its meetings, proposals and corrections (or of one
 * organisation): the events of one processing sequence, which reach those documents and no others. Its events are
 * read from the log by aggregate (each aggregate's stream is one indexed lookup), merged in log order and handed to
 * each processor's handlers in a unit of work holding a {@link ReadModel.Shadow}, so that nothing stored changes.
 * A stored document is compared only where the comparison is fair: at the same position it must be equal; behind
 * the derived one, it is wrong only once its processor has passed that position (the processors' positions are read
 * before the documents, and a document is always stored before its processor's position moves past it).
 */
final class Rederivation {

    private final LedgerEventStorageEngine log;
    private final TokenPositions tokens;
    private final ObjectMapper json = LedgerJson.objectMapper();

    Rederivation(LedgerEventStorageEngine log, TokenPositions tokens) {
        this.log = log;
        this.tokens = tokens;
    }

    /** The documents a part derives, by read model, each with the processor that keeps it. */
    record Derived(Map<ReadModel<?>, String> processors, Map<ReadModel<?>, Set<String>> ids) {
    }

    /**
     * Derives the part made of these aggregates again and compares its documents with the stored ones.
     *
     * @param knownUpTo  the part's aggregates are known from the events below this position: a stored document
     *                   reflecting a later event may have been changed by an aggregate not known yet, and is left to
     *                   the next look
     * @param processors each processor's handlers, by name
     */
    Derived check(Collection<String> aggregates, long knownUpTo, Map<String, EventHandlerInvoker> processors,
                  List<Problem> problems) {
        List<TrackedEventMessage<?>> events = read(aggregates, problems);
        Set<Long> positions = new HashSet<>();
        events.forEach(event -> positions.add(event.trackingToken().position().orElseThrow()));
        Map<String, OptionalLong> passed = new LinkedHashMap<>();
        processors.keySet().forEach(name -> passed.put(name, tokens.lowest(name)));
        Map<ReadModel<?>, String> owners = new LinkedHashMap<>();
        Map<ReadModel<?>, Set<String>> ids = new LinkedHashMap<>();
        for (Map.Entry<String, EventHandlerInvoker> processor : processors.entrySet()) {
            ReadModel.Shadow shadow = derive(processor.getKey(), processor.getValue(), events, problems);
            if (shadow == null) {
                continue;
            }
            shadow.documents().forEach((model, documents) -> {
                owners.put(model, processor.getKey());
                ids.computeIfAbsent(model, key -> new HashSet<>()).addAll(documents.keySet());
                compare(model, documents, passed.get(processor.getKey()), positions, knownUpTo, problems);
            });
        }
        return new Derived(owners, ids);
    }

    /** The part's events in log order, from each aggregate's stream, as the processors receive them. */
    private List<TrackedEventMessage<?>> read(Collection<String> aggregates, List<Problem> problems) {
        List<TrackedEventMessage<?>> events = new ArrayList<>();
        for (String aggregate : aggregates) {
            try (Stream<JsonNode> stream = log.storedEventsOf(aggregate)) {
                stream.forEach(stored -> {
                    try {
                        events.add(message(stored));
                    } catch (RuntimeException | ClassNotFoundException | LinkageError e) {
                        long position = stored.path(EventLogSchema.POSITION).asLong(-1);
                        problems.add(Problem.atPosition(Problem.Kind.EVENT_UNREADABLE, position,
                                                        "The event stored at position " + position
                                                                + " cannot be read: " + e.getMessage()));
                    }
                });
            }
        }
        events.sort(Comparator.comparingLong(event -> event.trackingToken().position().orElseThrow()));
        return events;
    }

    /** A stored event as the processors receive it: its payload read into its record, its position as its token. */
    TrackedEventMessage<?> message(JsonNode stored) throws ClassNotFoundException {
        Class<?> type = Class.forName(stored.path(EventLogSchema.PAYLOAD_TYPE).asText());
        Object payload;
        try {
            payload = json.treeToValue(stored.path(EventLogSchema.PAYLOAD), type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e.getOriginalMessage(), e);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metaData = json.convertValue(stored.path(EventLogSchema.METADATA), Map.class);
        GenericDomainEventMessage<Object> domain = new GenericDomainEventMessage<>(
                stored.path(EventLogSchema.AGGREGATE_TYPE).asText(null), stored.path(EventLogSchema.AGGREGATE_ID).asText(),
                stored.path(EventLogSchema.SEQUENCE).asLong(), payload, MetaData.from(metaData),
                stored.path(EventLogSchema.EVENT_ID).asText(),
                StoredTimestamps.parse(stored.path(EventLogSchema.TIMESTAMP).asText()));
        return new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(stored.path(EventLogSchema.POSITION).asLong()), domain);
    }

    /** The processor's documents of the part, derived in memory; null when its handlers fail on an event. */
    private static ReadModel.Shadow derive(String processor, EventHandlerInvoker handlers,
                                           List<TrackedEventMessage<?>> events, List<Problem> problems) {
        if (events.isEmpty()) {
            return new ReadModel.Shadow();
        }
        ReadModel.Shadow shadow = new ReadModel.Shadow();
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        unitOfWork.resources().put(ReadModel.Shadow.KEY, shadow);
        long[] failedAt = {-1};
        ResultMessage<?> result = unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = (TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage();
            failedAt[0] = event.trackingToken().position().orElseThrow();
            handlers.handle(event, Segment.ROOT_SEGMENT);
            return null;
        });
        if (result.isExceptional()) {
            Throwable error = result.exceptionResult();
            problems.add(Problem.atPosition(Problem.Kind.PROJECTION_FAILS, failedAt[0], "The " + processor
                    + " read model's handlers fail on the event at position " + failedAt[0] + ": "
                    + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())));
            return null;
        }
        return shadow;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void compare(ReadModel<?> model, Map<String, Positioned<?>> derived, OptionalLong passed,
                                Set<Long> partPositions, long knownUpTo, List<Problem> problems) {
        Map<String, ? extends Positioned<?>> stored = ((ReadModel) model).findAll(derived.keySet());
        derived.forEach((id, expected) -> {
            Positioned<?> found = stored.get(id);
            boolean foreign = found != null && found.position() < knownUpTo
                    && !partPositions.contains(found.position());
            Comparisons.check(model.collectionName(), id, expected, found, passed, foreign, problems);
        });
    }
}
