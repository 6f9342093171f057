package org.consensusledger.command.proposal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.proposal.ProposalCommands.DecideAppeal;
import org.consensusledger.command.proposal.ProposalCommands.ExpressSupport;
import org.consensusledger.command.proposal.ProposalCommands.LodgeAppeal;
import org.consensusledger.command.proposal.ProposalCommands.ReviseProposal;
import org.consensusledger.command.proposal.ProposalCommands.WithdrawProposal;
import org.consensusledger.command.shared.NextStep;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.SupportExpressed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.consensusledger.command.proposal.ProposalFixtures.BIZ;
import static org.consensusledger.command.proposal.ProposalFixtures.CSO_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.EARLIER;
import static org.consensusledger.command.proposal.ProposalFixtures.GOV_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.NOW;
import static org.consensusledger.command.proposal.ProposalFixtures.P;
import static org.consensusledger.command.proposal.ProposalFixtures.PLENARY_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_2;
import static org.consensusledger.command.proposal.ProposalFixtures.UNI;
import static org.consensusledger.command.proposal.ProposalFixtures.WG;
import static org.consensusledger.command.proposal.ProposalFixtures.declaredByGov;
import static org.consensusledger.command.proposal.ProposalFixtures.nextSteps;
import static org.consensusledger.command.proposal.ProposalFixtures.submitted;
import static org.consensusledger.events.StakeholderGroup.ACADEMIA;

/** After an outcome: nothing but appeals (and corrections); the remedy of an appeal; withdrawal before an outcome. */
class ProposalAfterOutcomeTest {

    private static final AppealLodged APPEALED = new AppealLodged(P, WG, "a1", "uni", "Not heard", null, EARLIER);

    private AggregateTestFixture<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProposalFixtures.fixture();
    }

    @Test
    void nothingButAnAppealOrACorrectionIsAcceptedAgainstADecidedProposal() {
        fixture.given(submitted(), declaredByGov())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is decided (rough consensus) and cannot be "
                                               + "supported: only an appeal or a record correction is accepted")
               .expectException(nextSteps(NextStep.appeal(P), NextStep.correction()))
               .expectNoEvents();
    }

    @Test
    void nothingButTheAppealsDecisionOrACorrectionIsAcceptedAgainstAnAppealedProposal() {
        fixture.given(submitted(), declaredByGov(), APPEALED)
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is decided (rough consensus) and under appeal and "
                                               + "cannot be supported: only the decision of the open appeal or a "
                                               + "record correction is accepted")
               .expectException(nextSteps(NextStep.appealDecision(P, "a1"), NextStep.correction()))
               .expectNoEvents();
    }

    @Test
    void aDecidedProposalIsNotRevised() {
        fixture.given(submitted(), declaredByGov())
               .andGivenCurrentTime(NOW)
               .when(new ReviseProposal(P, TEXT_2, "After the fact", null, null, null, BIZ))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void nothingButACorrectionIsAcceptedAgainstAWithdrawnProposal() {
        fixture.given(submitted(), new ProposalWithdrawn(P, WG, "biz", "Superseded", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is withdrawn and cannot be supported: only a record "
                                               + "correction is accepted")
               .expectException(nextSteps(NextStep.correction()))
               .expectNoEvents();
    }

    @Test
    void theProposerWithdrawsItsProposalBeforeAnOutcome() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new WithdrawProposal(P, "Superseded", null, null, null, BIZ))
               .expectEvents(new ProposalWithdrawn(P, WG, "biz", "Superseded", null, NOW));
    }

    @Test
    void onlyTheProposerWithdrawsAProposal() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new WithdrawProposal(P, "Not mine", null, null, null, GOV_CHAIR))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only its proposer Organisation biz withdraws proposal \"Principle 1\"; this "
                                               + "token is a delegate of Organisation gov")
               .expectNoEvents();
    }

    @Test
    void aDecidedProposalIsNotWithdrawn() {
        fixture.given(submitted(), declaredByGov())
               .andGivenCurrentTime(NOW)
               .when(new WithdrawProposal(P, "Too late", null, null, null, BIZ))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void aMemberAppealsAgainstTheOutcomeWithGrounds() {
        fixture.given(submitted(), declaredByGov())
               .andGivenCurrentTime(NOW)
               .when(new LodgeAppeal(P, "a1", "uni", "Not heard", null, null, null, UNI))
               .expectEvents(new AppealLodged(P, WG, "a1", "uni", "Not heard", null, NOW));
    }

    @Test
    void anAppealIsLodgedAgainstAnOutcomeOnly() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new LodgeAppeal(P, "a1", "uni", "Premature", null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is open: an appeal is lodged against an outcome "
                                               + "(rough consensus or no consensus)")
               .expectNoEvents();
    }

    @Test
    void oneAppealAtATime() {
        fixture.given(submitted(), declaredByGov(), APPEALED)
               .andGivenCurrentTime(NOW)
               .when(new LodgeAppeal(P, "a2", "biz", "Me too", null, null, null, BIZ))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Principle 1\" is already under appeal (by Organisation uni): it is "
                                               + "decided first")
               .expectNoEvents();
    }

    @Test
    void theCoChairWhoDeclaredDoesNotDecideTheAppeal() {
        fixture.given(submitted(), declaredByGov(), APPEALED)
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.DISMISSED, "Heard", null, null, null, GOV_CHAIR))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("An appeal is decided by a co-chair other than the one who declared the "
                                               + "outcome: Organisation gov declared it")
               .expectNoEvents();
    }

    @Test
    void anotherCoChairDismissesTheAppealAndTheOutcomeStands() {
        fixture.given(submitted(), declaredByGov(), APPEALED)
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.DISMISSED, "Heard", null, null, null, CSO_CHAIR))
               .expectEvents(new AppealDecided(P, WG, "a1", AppealDecision.DISMISSED, "Heard", "cso", null, NOW));
        fixture.given(submitted(), declaredByGov(), APPEALED,
                      new AppealDecided(P, WG, "a1", AppealDecision.DISMISSED, "Heard", "cso", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void aCoChairOfThePlenaryDecidesAWorkingGroupsAppeal() {
        fixture.given(submitted(), declaredByGov(), APPEALED)
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.UPHELD, "Not heard indeed", null, null, null,
                                      PLENARY_CHAIR))
               .expectEvents(new AppealDecided(P, WG, "a1", AppealDecision.UPHELD, "Not heard indeed", "chair-p",
                                               null, NOW));
    }

    @Test
    void anUpheldAppealOpensTheProposalAgain() {
        fixture.given(submitted(), declaredByGov(), APPEALED,
                      new AppealDecided(P, WG, "a1", AppealDecision.UPHELD, "Not heard", "cso", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectEvents(new SupportExpressed(P, WG, "uni", ACADEMIA, 1, null, null, NOW));
    }

    @Test
    void aMemberDoesNotDecideAppeals() {
        fixture.given(submitted(), declaredByGov(), APPEALED)
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.UPHELD, "I say so", null, null, null, BIZ))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only a co-chair of body \"Body wg\" or of its plenary decides appeals; this "
                                               + "token is a delegate of Organisation biz")
               .expectNoEvents();
    }
}
