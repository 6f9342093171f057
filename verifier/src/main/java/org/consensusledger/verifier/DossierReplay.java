package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.dossier.Composition;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.dossier.DossierView;
import org.consensusledger.dossier.Membership;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.events.MetadataKeys;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.record.RecordCorrected;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Check 5's first half: every proposal's dossier rebuilt from the export with the query side's own fold
 * ({@link DossierFold}), and the organisations' names the dossiers show. Events are decoded into the ledger's event
 * classes on the hashing threads ({@link #decode}); the fold runs on the reading thread, in log order, as the query
 * side's projection applies them: a proposal's first event is its submission, a later event or correction of a
 * proposal the log never submitted is passed over, as the projection passes it over. The bodies' events are folded
 * too ({@link Membership}), for the composition each outcome records as it stood when it was declared.
 */
final class DossierReplay {

    /** What the fold needs of one exported event. */
    record Exported(long position, long sequenceNumber, String eventId, Instant recordedAt, String recordedAs,
                    String actingFor, Object payload) {
    }

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();
    private static final String EVENTS_PACKAGE = "org.consensusledger.events.";
    /** Payload type → its class when the dossiers need its events, else empty. */
    private static final Map<String, Optional<Class<?>>> NEEDED = new ConcurrentHashMap<>();

    private final Map<String, DossierDocument> dossiers = new LinkedHashMap<>();
    private final Map<String, DossierView.Organisation> organisations = new HashMap<>();
    private final Map<String, Membership> memberships = new HashMap<>();

    /**
     * The event on {@code line} (already checked, of type {@code payloadType}), decoded, if the dossiers need it;
     * else null. Thread-safe.
     */
    static Object decode(String payloadType, byte[] line, long position) throws LogMismatch {
        if (payloadType == null) {
            return null;
        }
        Optional<Class<?>> needed = NEEDED.computeIfAbsent(payloadType, DossierReplay::neededClass);
        if (needed.isEmpty()) {
            return null;
        }
        Class<?> payloadClass = needed.get();
        JsonNode event;
        Object payload;
        Instant recordedAt;
        try {
            event = MAPPER.readTree(line);
            payload = MAPPER.treeToValue(event.get("payload"), payloadClass);
            recordedAt = Instant.parse(event.path("timestamp").asText());
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new LogMismatch(position, "the event at position " + position + " is not a readable "
                    + payloadClass.getSimpleName() + " (" + e.getMessage() + ")");
        }
        if (payload == null) {
            throw new LogMismatch(position, "the event at position " + position + " has no payload");
        }
        JsonNode sequenceNumber = event.get("sequenceNumber");
        JsonNode eventId = event.get("eventId");
        JsonNode metadata = event.get("metadata");
        return new Exported(position, sequenceNumber == null ? 0 : sequenceNumber.longValue(),
                            eventId == null ? null : eventId.asText(), recordedAt, text(metadata, MetadataKeys.RECORDED_AS),
                            text(metadata, MetadataKeys.ACTING_FOR), payload);
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object == null ? null : object.get(field);
        return value == null || !value.isTextual() ? null : value.textValue();
    }

    /** The ledger's event classes whose events make dossiers; nothing else is even loaded. */
    private static Optional<Class<?>> neededClass(String payloadType) {
        if (!payloadType.startsWith(EVENTS_PACKAGE)) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName(payloadType, false, DossierReplay.class.getClassLoader());
            return ProposalEvent.class.isAssignableFrom(type) || BodyEvent.class.isAssignableFrom(type)
                           || type == RecordCorrected.class || type == OrganisationRegistered.class
                    ? Optional.of(type) : Optional.empty();
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** Applies one decoded event (in log order). */
    void apply(Exported exported) {
        long position = exported.position();
        if (exported.payload() instanceof OrganisationRegistered registered) {
            organisations.putIfAbsent(registered.organisationId(), new DossierView.Organisation(
                    registered.name(), registered.stakeholderGroup()));
        } else if (exported.payload() instanceof BodyEvent event) {
            Membership after = Membership.evolve(memberships.get(event.bodyId()), event);
            if (after != null) {
                memberships.put(event.bodyId(), after);
            }
        } else if (exported.payload() instanceof ProposalEvent event) {
            DossierDocument.Step step = DossierFold.step(event, position, exported.sequenceNumber(),
                                                         exported.recordedAt(), exported.recordedAs(),
                                                         exported.actingFor(), exported.eventId());
            DossierDocument before = dossiers.get(event.proposalId());
            if (event instanceof ProposalSubmitted ? before == null : before != null) {
                Membership membership = memberships.get(event.bodyId());
                Composition composition = DossierFold.isOutcome(event) && membership != null
                        ? membership.composition() : null;
                dossiers.put(event.proposalId(), DossierFold.evolve(before, event, step, composition).at(position));
            }
        } else if (exported.payload() instanceof RecordCorrected correction) {
            dossiers.computeIfPresent(correction.correctedAggregateId(), (id, dossier) -> DossierFold.corrected(
                    dossier, correction, exported.recordedAt(), position, exported.recordedAs(),
                    exported.actingFor()).at(position));
        }
    }

    /** The dossiers rebuilt, by proposal id, in the order the proposals were submitted. */
    Map<String, DossierDocument> dossiers() {
        return dossiers;
    }

    /** The organisations registered in the log: their names and stakeholder groups, by id. */
    Map<String, DossierView.Organisation> organisations() {
        return organisations;
    }
}
