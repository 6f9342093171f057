package org.consensusledger.events.proposal;

import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.EventSamples;
import org.consensusledger.events.proposal.ProposalLifecycle.Stage;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.consensusledger.events.proposal.ProposalOutcome.NO_CONSENSUS;
import static org.consensusledger.events.proposal.ProposalOutcome.ROUGH_CONSENSUS;
import static org.consensusledger.events.proposal.ProposalStatus.APPEALED;
import static org.consensusledger.events.proposal.ProposalStatus.CALL_OPEN;
import static org.consensusledger.events.proposal.ProposalStatus.DECIDED;
import static org.consensusledger.events.proposal.ProposalStatus.DEFERRED;
import static org.consensusledger.events.proposal.ProposalStatus.OPEN;
import static org.consensusledger.events.proposal.ProposalStatus.WITHDRAWN;

/** Every rule of the lifecycle of a proposal (docs/domain.md), and a rule for every type of {@link ProposalEvent}. */
class ProposalLifecycleTest {

    private static final String P = "p";
    private static final String B = "b";
    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    private static final Stage OPENED = new Stage(OPEN, null);
    private static final Stage UNDER_CALL = new Stage(CALL_OPEN, null);
    private static final Stage ROUGH = new Stage(DECIDED, ROUGH_CONSENSUS);
    private static final Stage APPEALED_ROUGH = new Stage(APPEALED, ROUGH_CONSENSUS);
    private static final Stage DEFERRED_STAGE = new Stage(DEFERRED, null);

    @Test
    void aSubmittedProposalIsOpenWithNothingDecided() {
        assertThat(ProposalLifecycle.submitted()).isEqualTo(OPENED);
        assertThat(ROUGH.after(new ProposalSubmitted(P, B, "o", "t", "x", "sha", null, AT))).isEqualTo(OPENED);
    }

    @Test
    void aConsensusCallOpensAndEndingItEarlyOpensTheProposalAgain() {
        Stage called = OPENED.after(new ConsensusCallOpened(P, B, 1, AT, "o", null, AT));

        assertThat(called).isEqualTo(UNDER_CALL);
        assertThat(called.after(callEnded())).isEqualTo(OPENED);
    }

    @Test
    void endingACallWhenNoneIsOpenChangesNothing() {
        for (Stage stage : List.of(OPENED, ROUGH, APPEALED_ROUGH, DEFERRED_STAGE, new Stage(WITHDRAWN, null))) {
            assertThat(stage.after(callEnded())).as("%s", stage).isSameAs(stage);
        }
    }

    @Test
    void aDeclarationDecidesWithItsOutcome() {
        assertThat(UNDER_CALL.after(new RoughConsensusDeclared(P, B, 1, "sha", "r", List.of(), List.of(), "o", null,
                                                               AT)))
                .isEqualTo(ROUGH);
        assertThat(OPENED.after(new ConsensusNotReached(P, B, 1, "r", List.of(), "o", null, AT)))
                .isEqualTo(new Stage(DECIDED, NO_CONSENSUS));
    }

    @Test
    void aDeferralDecidesNothingAndReopeningOpensAgain() {
        Stage deferred = OPENED.after(new ProposalDeferred(P, B, 1, "r", "o", null, AT));

        assertThat(deferred).isEqualTo(DEFERRED_STAGE);
        assertThat(deferred.after(new ProposalReopened(P, B, "r", "o", null, AT))).isEqualTo(OPENED);
    }

    @Test
    void aWithdrawnProposalIsWithdrawn() {
        assertThat(OPENED.after(new ProposalWithdrawn(P, B, "o", "r", null, AT))).isEqualTo(new Stage(WITHDRAWN, null));
        assertThat(DEFERRED_STAGE.after(new ProposalWithdrawn(P, B, "o", "r", null, AT)))
                .isEqualTo(new Stage(WITHDRAWN, null));
    }

    @Test
    void anAppealKeepsTheOutcomeUntilDecided() {
        assertThat(ROUGH.after(new AppealLodged(P, B, "a", "o", "g", null, AT))).isEqualTo(APPEALED_ROUGH);
    }

    @Test
    void anUpheldAppealSetsTheOutcomeAsideAndOpensTheProposalAgain() {
        assertThat(APPEALED_ROUGH.after(appealDecided(AppealDecision.UPHELD))).isEqualTo(OPENED);
    }

    @Test
    void aDismissedAppealLetsTheOutcomeStand() {
        assertThat(APPEALED_ROUGH.after(appealDecided(AppealDecision.DISMISSED))).isEqualTo(ROUGH);
    }

    @Test
    void contributionsRevisionsAndObjectionsLeaveTheStageAsItIs() {
        List<Class<?>> unchanging = List.of(ProposalRevised.class, SupportExpressed.class, StandAsideRecorded.class,
                                            ConcernRaised.class, ConcernAnswered.class, ObjectionRaised.class,
                                            ObjectionAddressed.class, ObjectionReconsidered.class,
                                            ObjectionWithdrawn.class);
        List<ProposalEvent> samples = EventSamples.of(ProposalEvent.class).stream()
                                                  .filter(sample -> unchanging.contains(sample.getClass())).toList();

        assertThat(samples).hasSameSizeAs(unchanging);
        for (Stage stage : everyStage()) {
            for (ProposalEvent sample : samples) {
                assertThat(stage.after(sample)).as("%s after %s", stage, sample.getClass().getSimpleName())
                                               .isSameAs(stage);
            }
        }
    }

    /** No silent skip: a new type of event fails here until the lifecycle has a rule for it. */
    @Test
    void everyTypeOfProposalEventHasARuleFromEveryStage() {
        List<ProposalEvent> samples = EventSamples.of(ProposalEvent.class);

        assertThat(samples).extracting(Object::getClass)
                           .containsExactlyInAnyOrder(ProposalEvent.class.getPermittedSubclasses());
        for (Stage stage : everyStage()) {
            for (ProposalEvent sample : samples) {
                assertThatCode(() -> stage.after(sample)).as("%s after %s", stage, sample.getClass().getSimpleName())
                                                         .doesNotThrowAnyException();
            }
        }
    }

    @Test
    void whatAnEventDoesToTheStatusNeverDependsOnTheOutcome() {
        for (Stage stage : everyStage()) {
            for (ProposalEvent sample : EventSamples.of(ProposalEvent.class)) {
                assertThat(ProposalLifecycle.statusAfter(stage.status(), sample))
                        .as("%s after %s", stage, sample.getClass().getSimpleName())
                        .isEqualTo(stage.after(sample).status());
            }
        }
    }

    @Test
    void onlyOpenStatusesTakeContributions() {
        assertThat(Arrays.stream(ProposalStatus.values()).filter(ProposalStatus::isOpen))
                .containsExactly(OPEN, CALL_OPEN);
    }

    private static List<Stage> everyStage() {
        List<Stage> stages = new ArrayList<>();
        for (ProposalStatus status : ProposalStatus.values()) {
            stages.add(new Stage(status, null));
            for (ProposalOutcome outcome : ProposalOutcome.values()) {
                stages.add(new Stage(status, outcome));
            }
        }
        return stages;
    }

    private static ConsensusCallEnded callEnded() {
        return new ConsensusCallEnded(P, B, "o", "Every member has spoken", null, AT);
    }

    private static AppealDecided appealDecided(AppealDecision decision) {
        return new AppealDecided(P, B, "a", decision, "reasons", "o", null, AT);
    }
}
