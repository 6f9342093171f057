package org.consensusledger.command.proposal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.proposal.ProposalCommands.AddressObjection;
import org.consensusledger.command.proposal.ProposalCommands.DeclareOutcome;
import org.consensusledger.command.proposal.ProposalCommands.ExpressSupport;
import org.consensusledger.command.proposal.ProposalCommands.OpenConsensusCall;
import org.consensusledger.command.proposal.ProposalCommands.ReopenProposal;
import org.consensusledger.command.shared.NextStep;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.consensusledger.command.proposal.ProposalFixtures.CSO_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.EARLIER;
import static org.consensusledger.command.proposal.ProposalFixtures.GOV_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.NOW;
import static org.consensusledger.command.proposal.ProposalFixtures.P;
import static org.consensusledger.command.proposal.ProposalFixtures.SECRETARIAT;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_1;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_2;
import static org.consensusledger.command.proposal.ProposalFixtures.UNI;
import static org.consensusledger.command.proposal.ProposalFixtures.WG;
import static org.consensusledger.command.proposal.ProposalFixtures.nextSteps;
import static org.consensusledger.command.proposal.ProposalFixtures.notAccommodated;
import static org.consensusledger.command.proposal.ProposalFixtures.objection;
import static org.consensusledger.command.proposal.ProposalFixtures.revised;
import static org.consensusledger.command.proposal.ProposalFixtures.submitted;
import static org.consensusledger.events.StakeholderGroup.ACADEMIA;
import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

/** Objections, their dispositions, consensus calls and outcomes: rough consensus as RFC 7282 makes it checkable. */
class ProposalDecisionTest {

    private AggregateTestFixture<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProposalFixtures.fixture();
    }

    private static DeclareOutcome declare(ProposalOutcome outcome, org.consensusledger.command.shared.Actor by) {
        return new DeclareOutcome(P, outcome, "All objections addressed", "m1", null, null, by);
    }

    @Test
    void roughConsensusCannotBeDeclaredWhileAnObjectionHasNoDispositionAndTheErrorNamesIt() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"),
                      objection("o2", "biz", PRIVATE_SECTOR, 1))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Cannot declare rough consensus: the objection of Organisation biz (against "
                                               + "version 1) has no disposition")
               .expectNoEvents();
    }

    @Test
    void aCoChairsObjectionMustBeAddressedLikeAnyOther() {
        fixture.given(submitted(), objection("o1", "cso", CIVIL_SOCIETY, 1))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Cannot declare rough consensus: the objection of Organisation cso (against "
                                               + "version 1) has no disposition")
               .expectNoEvents();
    }

    @Test
    void aCoChairsObjectionOnceAddressedDoesNotPreventTheDeclarationNotEvenByThatCoChair() {
        fixture.given(submitted(), objection("o1", "cso", CIVIL_SOCIETY, 1), notAccommodated("o1"))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, CSO_CHAIR))
               .expectEvents(new RoughConsensusDeclared(
                       P, WG, 1, Texts.sha256(TEXT_1), "All objections addressed",
                       List.of(new Dissent("o1", "cso", CIVIL_SOCIETY, "Grounds of o1", "Reasons for o1")),
                       List.of(new GroupTally(CIVIL_SOCIETY, 0, 0, 0, 1)), "cso", "m1", NOW));
    }

    @Test
    void theDeclarationCarriesTheDecidedVersionItsSha256TheDissentAndTalliesByGroup() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), objection("o2", "gov", GOVERNMENT, 1),
                      new ConcernRaised(P, WG, "c1", "uni", ACADEMIA, 1, "Define fair", null, EARLIER),
                      revised(),
                      new ObjectionAddressed(P, WG, "o1", Disposition.ACCOMMODATED, 2, null, "gov", null, EARLIER),
                      notAccommodated("o2"),
                      new StandAsideRecorded(P, WG, "biz", PRIVATE_SECTOR, 1, "Not our field", null, EARLIER),
                      new SupportExpressed(P, WG, "biz", PRIVATE_SECTOR, 2, null, null, EARLIER),
                      new SupportExpressed(P, WG, "uni", ACADEMIA, 2, null, null, EARLIER),
                      new SupportExpressed(P, WG, "cso", CIVIL_SOCIETY, 2, null, null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, GOV_CHAIR))
               .expectEvents(new RoughConsensusDeclared(
                       P, WG, 2, Texts.sha256(TEXT_2), "All objections addressed",
                       List.of(new Dissent("o2", "gov", GOVERNMENT, "Grounds of o2", "Reasons for o2")),
                       List.of(new GroupTally(GOVERNMENT, 0, 0, 0, 1),
                               new GroupTally(CIVIL_SOCIETY, 1, 0, 0, 0),
                               new GroupTally(PRIVATE_SECTOR, 1, 0, 0, 0),
                               new GroupTally(ACADEMIA, 1, 0, 1, 1)),
                       "gov", "m1", NOW));
    }

    @Test
    void aWithdrawnObjectionNeitherBlocksNorCountsAsDissent() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1),
                      new ObjectionWithdrawn(P, WG, "o1", "uni", null, null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, GOV_CHAIR))
               .expectEvents(new RoughConsensusDeclared(P, WG, 1, Texts.sha256(TEXT_1), "All objections addressed",
                                                        List.of(), List.of(), "gov", "m1", NOW));
    }

    @Test
    void accommodatedNamesARevisionLaterThanTheObjection() {
        fixture.given(submitted(), revised(), objection("o1", "uni", ACADEMIA, 2))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.ACCOMMODATED, 2, null, null, null, null, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("The objection of Organisation uni was raised against version 2: the revision "
                                               + "that accommodates it must be later than version 2, not version 2")
               .expectNoEvents();
    }

    @Test
    void accommodatedNamesARevisionThatExists() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.ACCOMMODATED, 2, null, null, null, null, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" has no version 2 (its current version is 1)")
               .expectNoEvents();
    }

    @Test
    void accommodatedNamesARevision() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.ACCOMMODATED, null, null, null, null, null,
                                          GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void anAccommodatingRevisionIsRecorded() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), revised())
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.ACCOMMODATED, 2, null, "m1", null, null, GOV_CHAIR))
               .expectEvents(new ObjectionAddressed(P, WG, "o1", Disposition.ACCOMMODATED, 2, null, "gov", "m1",
                                                    NOW));
    }

    @Test
    void notAccommodatedNeedsWrittenReasons() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.NOT_ACCOMMODATED, null, "  ", null, null, null,
                                          GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("NOT_ACCOMMODATED needs written reasons: they are blank for the objection of "
                                               + "Organisation uni (against version 1)")
               .expectNoEvents();
    }

    @Test
    void onlyCoChairsRecordDispositions() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.NOT_ACCOMMODATED, null, "No", null, null, null,
                                          SECRETARIAT))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only a co-chair of body \"Body wg\" records dispositions; this token is the "
                                               + "secretariat")
               .expectNoEvents();
    }

    @Test
    void anObjectionGetsOneDisposition() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.NOT_ACCOMMODATED, null, "Again", null, null, null,
                                          GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void anUnknownObjectionIsNotFound() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o9", Disposition.NOT_ACCOMMODATED, null, "No", null, null, null,
                                          GOV_CHAIR))
               .expectException(UnknownReference.class)
               .expectExceptionMessage("There is no objection o9 on proposal \"Principle 1\"")
               .expectNoEvents();
    }

    @Test
    void onlyCoChairsDeclareOutcomes() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, UNI))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void noOutcomeIsDeclaredBeforeTheConsensusCallsDeadline() {
        fixture.given(submitted(), new ConsensusCallOpened(P, WG, 1, NOW.plusSeconds(3600), "gov", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("The consensus call on proposal \"Principle 1\" runs until "
                                               + "2026-05-04T11:00:00Z: contributions are still taken and no outcome "
                                               + "can be declared before then")
               .expectNoEvents();
    }

    @Test
    void contributionsAreStillTakenDuringTheConsensusCall() {
        fixture.given(submitted(), new ConsensusCallOpened(P, WG, 1, NOW.plusSeconds(3600), "gov", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectEvents(new SupportExpressed(P, WG, "uni", ACADEMIA, 1, null, null, NOW));
    }

    @Test
    void afterTheDeadlineTheRulesDecide() {
        fixture.given(submitted(), new ConsensusCallOpened(P, WG, 1, NOW.minusSeconds(1), "gov", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(declare(ProposalOutcome.ROUGH_CONSENSUS, GOV_CHAIR))
               .expectSuccessfulHandlerExecution();
    }

    @Test
    void aCoChairOpensAConsensusCallWithADeadlineInTheFuture() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new OpenConsensusCall(P, NOW.plusSeconds(86_400), "m1", null, null, GOV_CHAIR))
               .expectEvents(new ConsensusCallOpened(P, WG, 1, NOW.plusSeconds(86_400), "gov", "m1", NOW));
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new OpenConsensusCall(P, NOW.minusSeconds(1), null, null, null, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void noConsensusRecordsTheRationaleAndTallies() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1))
               .andGivenCurrentTime(NOW)
               .when(new DeclareOutcome(P, ProposalOutcome.NO_CONSENSUS, "Sustained objection", null, null, null,
                                        GOV_CHAIR))
               .expectEvents(new ConsensusNotReached(P, WG, 1, "Sustained objection",
                                                     List.of(new GroupTally(ACADEMIA, 0, 0, 0, 1)), "gov", null,
                                                     NOW));
    }

    @Test
    void aDeferredProposalWaitsToBeReopened() {
        fixture.given(submitted(), new ProposalDeferred(P, WG, 1, "Later", "gov", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is deferred and cannot be supported: a co-chair "
                                               + "reopens it first")
               .expectException(nextSteps(NextStep.reopening(P)))
               .expectNoEvents();
    }

    @Test
    void aCoChairReopensADeferredProposal() {
        fixture.given(submitted(), new ProposalDeferred(P, WG, 1, "Later", "gov", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ReopenProposal(P, "Legal review done", null, null, null, CSO_CHAIR))
               .expectEvents(new ProposalReopened(P, WG, "Legal review done", "cso", null, NOW));
    }

    @Test
    void onlyADeferredProposalIsReopened() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ReopenProposal(P, "Again", null, null, null, CSO_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is open: only a deferred proposal is reopened")
               .expectNoEvents();
    }
}
