package org.consensusledger.command.proposal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.proposal.ProposalCommands.ExpressSupport;
import org.consensusledger.command.proposal.ProposalCommands.RaiseObjection;
import org.consensusledger.command.proposal.ProposalCommands.RecordStandAside;
import org.consensusledger.command.proposal.ProposalCommands.ReviseProposal;
import org.consensusledger.command.proposal.ProposalCommands.SubmitProposal;
import org.consensusledger.command.proposal.ProposalCommands.WithdrawObjection;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.SupportExpressed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.consensusledger.command.proposal.ProposalFixtures.BIZ;
import static org.consensusledger.command.proposal.ProposalFixtures.CSO_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.NOW;
import static org.consensusledger.command.proposal.ProposalFixtures.OPENED;
import static org.consensusledger.command.proposal.ProposalFixtures.P;
import static org.consensusledger.command.proposal.ProposalFixtures.SECRETARIAT;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_1;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_2;
import static org.consensusledger.command.proposal.ProposalFixtures.UNI;
import static org.consensusledger.command.proposal.ProposalFixtures.WG;
import static org.consensusledger.command.proposal.ProposalFixtures.objection;
import static org.consensusledger.command.proposal.ProposalFixtures.submitted;
import static org.consensusledger.events.StakeholderGroup.ACADEMIA;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

/** Submitting, revising and contributing: who may, for whom, and when. */
class ProposalContributionTest {

    private AggregateTestFixture<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProposalFixtures.fixture();
    }

    @Test
    void aMemberSubmitsVersionOneWithTheSha256OfItsText() {
        fixture.givenCurrentTime(NOW)
               .when(new SubmitProposal(P, WG, "biz", " Principle 1 ", TEXT_1, "m1", null, BIZ))
               .expectEvents(new ProposalSubmitted(P, WG, "biz", "Principle 1", TEXT_1, Texts.sha256(TEXT_1), "m1",
                                                   NOW));
    }

    @Test
    void aDelegateCannotActForAnotherOrganisation() {
        fixture.givenCurrentTime(NOW)
               .when(new SubmitProposal(P, WG, "uni", "Principle 1", TEXT_1, null, null, BIZ))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("A delegate of Organisation biz cannot act for Organisation uni; only a "
                                               + "co-chair of the body records on behalf of another member")
               .expectNoEvents();
    }

    @Test
    void aCoChairRecordsAContributionOnBehalfOfAMember() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", "Said so orally", "m1", null, null, CSO_CHAIR))
               .expectEvents(new SupportExpressed(P, WG, "uni", ACADEMIA, 1, "Said so orally", "m1", NOW));
    }

    @Test
    void theSecretariatEntersMinutesAfterTheFact() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, "m1", OPENED.plusSeconds(600), null, SECRETARIAT))
               .expectEvents(new SupportExpressed(P, WG, "uni", ACADEMIA, 1, null, "m1", OPENED.plusSeconds(600)));
    }

    @Test
    void onlyMembersOfTheBodyContribute() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "outsider", null, null, null, null, SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Organisation outsider is not a member of body \"Body wg\"")
               .expectNoEvents();
    }

    @Test
    void occurredAtIsNeverInTheFuture() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, NOW.plusSeconds(60), null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("occurredAt 2026-05-04T10:01:00Z is in the future (the ledger's time is "
                                               + "2026-05-04T10:00:00Z)")
               .expectNoEvents();
    }

    @Test
    void occurredAtIsNeverBeforeTheMeetingOpened() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, "m1", OPENED.minusSeconds(1), null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("occurredAt 2026-05-04T08:59:59Z is before meeting \"Meeting m1\" opened "
                                               + "(2026-05-04T09:00:00Z)")
               .expectNoEvents();
    }

    @Test
    void nothingIsRecordedInAMeetingThatHasNotOpened() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, "m-later", null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Meeting \"Meeting m-later\" has not been opened: nothing can be recorded in "
                                               + "it yet")
               .expectNoEvents();
    }

    @Test
    void theMeetingMustBeOneOfTheProposalsBody() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, "m-other", null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Meeting \"Meeting m-other\" is a meeting of body \"Body other\", not of body "
                                               + "\"Body wg\"")
               .expectNoEvents();
    }

    @Test
    void theProposerRevisesTheTextIntoANewVersion() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ReviseProposal(P, TEXT_2, "Adds fair", "m1", null, null, BIZ))
               .expectEvents(new ProposalRevised(P, WG, 2, TEXT_2, Texts.sha256(TEXT_2), "Adds fair", "biz", "m1",
                                                 NOW));
    }

    @Test
    void anotherMemberCannotReviseTheProposal() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ReviseProposal(P, TEXT_2, "Mine now", null, null, null, UNI))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void aRevisionChangesTheText() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ReviseProposal(P, TEXT_1, "Nothing", null, null, null, BIZ))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("The text is the same as version 1 of proposal \"Principle 1\": a revision "
                                               + "changes it")
               .expectNoEvents();
    }

    @Test
    void aStandAsideNeedsAReason() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new RecordStandAside(P, "uni", " ", null, null, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("reason must not be blank")
               .expectNoEvents();
    }

    @Test
    void anObjectionIsRaisedAgainstTheCurrentVersion() {
        fixture.given(submitted(), ProposalFixtures.revised())
               .andGivenCurrentTime(NOW)
               .when(new RaiseObjection(P, "o1", "uni", "Too vague", "m1", null, null, UNI))
               .expectEvents(new ObjectionRaised(P, WG, "o1", "uni", ACADEMIA, 2, "Too vague", "m1", NOW));
    }

    @Test
    void theObjectorWithdrawsItsObjection() {
        fixture.given(submitted(), objection("o1", "biz", PRIVATE_SECTOR, 1))
               .andGivenCurrentTime(NOW)
               .when(new WithdrawObjection(P, "o1", "Satisfied", null, null, null, BIZ))
               .expectEvents(new ObjectionWithdrawn(P, WG, "o1", "biz", "Satisfied", null, NOW));
    }

    @Test
    void anotherMemberCannotWithdrawSomeoneElsesObjection() {
        fixture.given(submitted(), objection("o1", "biz", PRIVATE_SECTOR, 1))
               .andGivenCurrentTime(NOW)
               .when(new WithdrawObjection(P, "o1", "Not yours", null, null, null, UNI))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }
}
