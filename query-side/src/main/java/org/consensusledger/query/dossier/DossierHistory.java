package org.consensusledger.query.dossier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.LedgerSerializers;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.query.dossier.DossierDocument.Step;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Iterator;
import java.util.Optional;

/**
 * Time travel: a dossier as the ledger held it at an earlier moment, rebuilt from the proposal's stored events
 * recorded up to then (by {@code recordedAt}), with the same code as the live projection. Corrections are their own
 * events, recorded later than what they correct: those recorded by then are shown.
 */
@Component
class DossierHistory {

    private final LedgerEventStorageEngine log;
    private final Dossiers dossiers;
    private final ObjectMapper json = LedgerSerializers.objectMapper();

    DossierHistory(LedgerEventStorageEngine log, Dossiers dossiers) {
        this.log = log;
        this.dossiers = dossiers;
    }

    Optional<DossierDocument> asOf(String proposalId, Instant asOf) {
        DossierDocument dossier = null;
        Iterator<JsonNode> events = log.storedEventsOf(proposalId).iterator();
        while (events.hasNext()) {
            JsonNode stored = events.next();
            Instant recordedAt = Instant.parse(stored.path("timestamp").asText());
            if (recordedAt.isAfter(asOf)) {
                break;
            }
            Object payload = payload(stored);
            if (payload instanceof ProposalEvent event) {
                JsonNode metaData = stored.path("metadata");
                dossier = DossierProjection.evolve(dossier, event, new Step(
                        stored.path("globalPosition").asLong(), stored.path("sequenceNumber").asLong(),
                        event.getClass().getSimpleName(), recordedAt, event.occurredAt(),
                        text(metaData, "recordedBy"), text(metaData, "actingFor"), event.meetingId(),
                        stored.path("eventId").asText())).at(stored.path("globalPosition").asLong());
            }
        }
        if (dossier == null) {
            return Optional.empty();
        }
        DossierDocument then = dossier;
        return Optional.of(dossiers.model().find(proposalId)
                                   .map(now -> then.withCorrections(corrections -> {
                                       now.corrections().stream()
                                          .filter(correction -> !correction.recordedAt().isAfter(asOf))
                                          .forEach(corrections::add);
                                       return corrections;
                                   }))
                                   .orElse(then));
    }

    private Object payload(JsonNode stored) {
        try {
            return json.treeToValue(stored.path("payload"), Class.forName(stored.path("payloadType").asText()));
        } catch (ClassNotFoundException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot read stored event " + stored.path("eventId").asText(), e);
        }
    }

    private static String text(JsonNode metaData, String key) {
        JsonNode value = metaData.path(key);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
