package org.consensusledger.query.body;

import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.EventSamples;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.body.BodyDocument.ProposalSummary;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body's page folds every type of event of a body, its meetings and its proposals (those that change nothing on
 * it named too), and shows each proposal where its lifecycle says it stands.
 */
class BodyFoldsTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private static final ProposalSubmitted SUBMITTED = EventSamples.of(ProposalSubmitted.class).get(0);

    /** No silent skip: a type of event without its rule is refused, so it fails here. */
    @Test
    void everyTypeOfBodyMeetingAndProposalEventHasARule() {
        BodyDocument body = BodyProjection.evolve(null, EventSamples.of(BodyEstablished.class).get(0), AT);
        body = BodyProjection.evolve(body, EventSamples.of(MeetingScheduled.class).get(0), AT);
        body = BodyProjection.evolve(body, SUBMITTED, AT);
        List<Class<?>> families = List.of(BodyEvent.class, MeetingEvent.class, ProposalEvent.class);

        for (Class<?> family : families) {
            List<?> samples = EventSamples.of(family);
            assertThat(samples).extracting(Object::getClass)
                               .containsExactlyInAnyOrder(family.getPermittedSubclasses());
            for (Object sample : samples) {
                assertThat(BodyProjection.evolve(body, sample, AT)).as(sample.getClass().getSimpleName()).isNotNull();
            }
        }
    }

    @Test
    void afterEveryTypeOfProposalEventTheSummaryStandsWhereTheLifecycleSays() {
        ProposalSummary summary = null;
        ProposalLifecycle.Stage stage = null;
        for (ProposalEvent sample : EventSamples.of(ProposalEvent.class)) {
            summary = BodyProjection.summary(summary, sample, AT);
            stage = stage == null ? ProposalLifecycle.submitted() : stage.after(sample);

            assertThat(new ProposalLifecycle.Stage(summary.status(), summary.outcome()))
                    .as(sample.getClass().getSimpleName()).isEqualTo(stage);
        }
    }

    @Test
    void aProposalUnderAConsensusCallIsShownSoUntilTheCallEnds() {
        ProposalSummary submitted = BodyProjection.summary(null, SUBMITTED, AT);
        ProposalSummary called = BodyProjection.summary(submitted, EventSamples.of(ConsensusCallOpened.class).get(0),
                                                        AT);

        assertThat(called.status()).isEqualTo(ProposalStatus.CALL_OPEN);
        assertThat(BodyProjection.summary(called, EventSamples.of(ConsensusCallEnded.class).get(0), AT).status())
                .isEqualTo(ProposalStatus.OPEN);
    }

    @Test
    void anUpheldAppealClearsTheDecisionAndADismissedOneLetsItStand() {
        ProposalSummary decided = BodyProjection.summary(BodyProjection.summary(null, SUBMITTED, AT),
                                                         EventSamples.of(RoughConsensusDeclared.class).get(0), AT);
        ProposalSummary appealed = BodyProjection.summary(decided, EventSamples.of(AppealLodged.class).get(0), AT);

        ProposalSummary upheld = BodyProjection.summary(appealed, appealDecided(AppealDecision.UPHELD), AT);
        ProposalSummary dismissed = BodyProjection.summary(appealed, appealDecided(AppealDecision.DISMISSED), AT);

        assertThat(decided.outcome()).isEqualTo(ProposalOutcome.ROUGH_CONSENSUS);
        assertThat(decided.decidedVersion()).isEqualTo(2);
        assertThat(decided.dissent()).isEqualTo(1);
        assertThat(upheld).isEqualTo(new ProposalSummary(SUBMITTED.proposalId(), SUBMITTED.title(),
                                                         SUBMITTED.proposedBy(), AT, ProposalStatus.OPEN, null, null,
                                                         null, null, 0));
        assertThat(dismissed).isEqualTo(new ProposalSummary(
                decided.proposalId(), decided.title(), decided.proposedBy(), AT, ProposalStatus.DECIDED,
                ProposalOutcome.ROUGH_CONSENSUS, 2, AT, decided.decidedInMeeting(), 1));
    }

    @Test
    void anEventThatChangesNothingHereLeavesTheSameSummary() {
        ProposalSummary submitted = BodyProjection.summary(null, SUBMITTED, AT);

        assertThat(BodyProjection.summary(submitted, EventSamples.of(ConsensusCallEnded.class).get(0), AT))
                .isSameAs(submitted);
    }

    private static AppealDecided appealDecided(AppealDecision decision) {
        AppealDecided sample = EventSamples.of(AppealDecided.class).get(0);
        return new AppealDecided(sample.proposalId(), sample.bodyId(), sample.appealId(), decision, sample.reasons(),
                                 sample.decidedBy(), sample.meetingId(), sample.occurredAt());
    }
}
