package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Decoding exported events into the ledger's event classes and folding them into dossiers, in the verifier's own
 * class path (no Axon, no MongoDB driver: the dossier check of the shaded jar needs neither).
 */
class DossierReplayTest {

    @Test
    void aSubmissionMakesADossierAndEventsOfProposalsNeverSubmittedArePassedOver() throws LogMismatch {
        ObjectNode submitted = SyntheticLog.event(0, 0);
        ObjectNode support = SyntheticLog.event(3, 0);
        DossierReplay replay = new DossierReplay();

        DossierReplay.Exported decoded = (DossierReplay.Exported) decode(submitted, 0);
        replay.apply(decoded);
        replay.apply((DossierReplay.Exported) decode(support, 3));

        ProposalSubmitted payload = (ProposalSubmitted) decoded.payload();
        assertThat(payload.title()).isEqualTo(submitted.get("payload").get("title").textValue());
        assertThat(decoded.recordedAt()).hasToString(submitted.get("timestamp").textValue());
        assertThat(replay.dossiers()).containsOnlyKeys(payload.proposalId());
        DossierDocument dossier = replay.dossiers().get(payload.proposalId());
        assertThat(dossier.position()).isZero();
        assertThat(dossier.versions()).singleElement().satisfies(
                version -> assertThat(version.text()).isEqualTo(payload.text()));
        assertThat(dossier.timeline()).singleElement().satisfies(
                step -> assertThat(step.eventId()).isEqualTo(submitted.get("eventId").textValue()));
    }

    private static Object decode(ObjectNode event, long position) throws LogMismatch {
        return DossierReplay.decode(event.get("payloadType").textValue(),
                                    event.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), position);
    }

    @Test
    void eventsNoDossierNeedsAreNotDecoded() throws LogMismatch {
        assertThat(decode(SyntheticLog.event(2, 0), 2)).isNull();
        ObjectNode foreign = SyntheticLog.event(0, 0);
        foreign.put("payloadType", "java.lang.Runtime");
        assertThat(decode(foreign, 0)).isNull();
    }

    @Test
    void anEventThatIsNotWhatItsTypeSaysIsAMismatchAtItsPosition() {
        ObjectNode broken = SyntheticLog.event(0, 0);
        ((ObjectNode) broken.get("payload")).putObject("occurredAt").put("not", "an instant");

        assertThatThrownBy(() -> decode(broken, 0))
                .isInstanceOfSatisfying(LogMismatch.class, mismatch -> {
                    assertThat(mismatch.position()).isZero();
                    assertThat(mismatch.reason()).startsWith("the event at position 0 is not a readable "
                                                                     + "ProposalSubmitted");
                });
    }
}
