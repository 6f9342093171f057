package org.consensusledger.query.selfcheck;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.consensusledger.eventlog.EventLogSchema;
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

    /** Sorts one event into its part. */
    void add(DomainEventMessage<?> event, long position) {
        String key = String.valueOf(ProjectionSetup.sequenceOf(event));
        Part part = parts.computeIfAbsent(key, ignored -> new Part());
        part.aggregates.add(event.getAggregateIdentifier());
        part.last = Math.max(part.last, position);
        touched.add(key);
    }

    /** Sorts a stored event that cannot be read into the part of its own aggregate (its re-derivation says why). */
    void addUnreadable(JsonNode stored) {
        String aggregate = stored.path(EventLogSchema.AGGREGATE_ID).asText();
        Part part = parts.computeIfAbsent(aggregate, ignored -> new Part());
        part.aggregates.add(aggregate);
        part.last = Math.max(part.last, stored.path(EventLogSchema.POSITION).asLong());
        touched.add(aggregate);
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
