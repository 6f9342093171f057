package org.consensusledger.query.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerSerializers;
import org.consensusledger.query.projection.ProjectionSetup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The log sorted into parts as the processors sequence it ({@link ProjectionSetup#sequenceOf}): a body with its
 * meetings, proposals and corrections, or an organisation. A part's events reach that part's read-model documents
 * and no others, so each part can be derived again on its own. Only the aggregates of each part are kept (a few
 * bytes per aggregate), and the parts that new events have touched.
 */
final class LogParts {

    private final ObjectMapper json = LedgerSerializers.objectMapper();
    private final Map<String, Part> parts = new HashMap<>();
    private final Set<String> touched = new LinkedHashSet<>();

    /** One part: its aggregates, and the position of its last event. */
    static final class Part {
        private final Set<String> aggregates = new LinkedHashSet<>();
        private long last = -1;

        Set<String> aggregates() {
            return aggregates;
        }

        long last() {
            return last;
        }
    }

    /** Sorts one stored event into its part. */
    void add(JsonNode stored) {
        String aggregate = stored.path(EventLogSchema.AGGREGATE_ID).asText();
        String key = partOf(stored, aggregate);
        Part part = parts.computeIfAbsent(key, ignored -> new Part());
        part.aggregates.add(aggregate);
        part.last = Math.max(part.last, stored.path(EventLogSchema.POSITION).asLong());
        touched.add(key);
    }

    private String partOf(JsonNode stored, String aggregate) {
        try {
            Object payload = json.treeToValue(stored.path(EventLogSchema.PAYLOAD),
                                              Class.forName(stored.path(EventLogSchema.PAYLOAD_TYPE).asText()));
            return String.valueOf(ProjectionSetup.sequenceOf(new GenericDomainEventMessage<>(
                    stored.path(EventLogSchema.AGGREGATE_TYPE).asText(null), aggregate, 0, payload)));
        } catch (Exception | LinkageError e) {
            return aggregate; // unreadable: the re-derivation of its aggregate reports it
        }
    }

    Map<String, Part> all() {
        return parts;
    }

    /** The parts touched since the last call whose last event is at or before {@code position}; forgets them. */
    List<Map.Entry<String, Part>> takeTouchedUpTo(long position) {
        List<Map.Entry<String, Part>> ready = new ArrayList<>();
        touched.removeIf(key -> {
            Part part = parts.get(key);
            if (part.last <= position) {
                ready.add(Map.entry(key, part));
                return true;
            }
            return false;
        });
        return ready;
    }

    void forgetTouched() {
        touched.clear();
    }
}
