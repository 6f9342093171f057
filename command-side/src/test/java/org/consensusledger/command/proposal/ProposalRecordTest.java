package org.consensusledger.command.proposal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.proposal.ProposalCommands.AnswerConcern;
import org.consensusledger.command.proposal.ProposalCommands.DeclareOutcome;
import org.consensusledger.command.proposal.ProposalCommands.ExpressSupport;
import org.consensusledger.command.proposal.ProposalCommands.RaiseObjection;
import org.consensusledger.command.proposal.ProposalCommands.ReconsiderDisposition;
import org.consensusledger.command.shared.Directory.MeetingStatus;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernAnswered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.SupportExpressed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.consensusledger.command.proposal.ProposalFixtures.BIZ;
import static org.consensusledger.command.proposal.ProposalFixtures.CSO_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.EARLIER;
import static org.consensusledger.command.proposal.ProposalFixtures.GOV_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.NOW;
import static org.consensusledger.command.proposal.ProposalFixtures.OPENED;
import static org.consensusledger.command.proposal.ProposalFixtures.P;
import static org.consensusledger.command.proposal.ProposalFixtures.SECRETARIAT;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_1;
import static org.consensusledger.command.proposal.ProposalFixtures.UNI;
import static org.consensusledger.command.proposal.ProposalFixtures.WG;
import static org.consensusledger.command.proposal.ProposalFixtures.declaredByGov;
import static org.consensusledger.command.proposal.ProposalFixtures.notAccommodated;
import static org.consensusledger.command.proposal.ProposalFixtures.objection;
import static org.consensusledger.command.proposal.ProposalFixtures.submitted;
import static org.consensusledger.events.StakeholderGroup.ACADEMIA;
import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

/**
 * What the record of a proposal holds beyond contributions and outcomes: answers to concerns, dispositions
 * reconsidered after an upheld appeal, positions taken in a meeting only by members attending it, and nothing said to
 * have happened before the proposal existed.
 */
class ProposalRecordTest {

    private static final ConcernRaised CONCERN = new ConcernRaised(P, WG, "c1", "uni", ACADEMIA, 1, "Define lawful",
                                                                   null, EARLIER);

    private AggregateTestFixture<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProposalFixtures.fixture();
    }

    // ---- answers to concerns -------------------------------------------------------------------------------------

    @Test
    void theProposerAnswersAConcern() {
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "Lawful where the data originates", null, null, null, null, BIZ))
               .expectEvents(new ConcernAnswered(P, WG, "c1", "Lawful where the data originates", "biz", null, NOW));
    }

    @Test
    void aCoChairAnswersAConcern() {
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "See the annex", null, null, null, null, GOV_CHAIR))
               .expectEvents(new ConcernAnswered(P, WG, "c1", "See the annex", "gov", null, NOW));
    }

    @Test
    void theSecretariatEntersAnAnswerNamingWhoGaveIt() {
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "See the annex", "biz", null, null, null, SECRETARIAT))
               .expectEvents(new ConcernAnswered(P, WG, "c1", "See the annex", "biz", null, NOW));
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "See the annex", null, null, null, null, SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void anotherMemberDoesNotAnswerAConcern() {
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "Not ours to say", null, null, null, null, UNI))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("A concern is answered by the proposer (Organisation biz) or a co-chair of "
                                               + "body \"Body wg\", not by Organisation uni")
               .expectNoEvents();
    }

    @Test
    void anUnknownConcernOrABlankAnswerIsRefused() {
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c9", "An answer", null, null, null, null, BIZ))
               .expectException(UnknownReference.class)
               .expectNoEvents();
        fixture.given(submitted(), CONCERN)
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "  ", null, null, null, null, BIZ))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void aDecidedProposalsConcernsAreStillAnsweredAWithdrawnOnesAreNot() {
        fixture.given(submitted(), CONCERN, declaredByGov())
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "Answered after the decision", null, null, null, null, BIZ))
               .expectEvents(new ConcernAnswered(P, WG, "c1", "Answered after the decision", "biz", null, NOW));
        fixture.given(submitted(), CONCERN, new ProposalWithdrawn(P, WG, "biz", "Superseded", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new AnswerConcern(P, "c1", "Too late", null, null, null, null, BIZ))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    // ---- dispositions reconsidered after an upheld appeal ----------------------------------------------------------

    private static final AppealLodged APPEAL = new AppealLodged(P, WG, "a1", "uni", "Not weighed", null, EARLIER);
    private static final AppealDecided UPHELD = new AppealDecided(P, WG, "a1", AppealDecision.UPHELD,
                                                                  "It was not weighed", "cso", null, EARLIER);

    @Test
    void afterAnUpheldAppealACoChairReconsidersADisposition() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"), declaredByGov(), APPEAL,
                      UPHELD)
               .andGivenCurrentTime(NOW)
               .when(new ReconsiderDisposition(P, "o1", Disposition.NOT_ACCOMMODATED, null, "Weighed now: the annex "
                       + "covers it", null, null, null, CSO_CHAIR))
               .expectEvents(new ObjectionReconsidered(P, WG, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                       "Weighed now: the annex covers it", "cso", "a1", null, NOW));
    }

    @Test
    void theNextDeclarationRecordsTheReconsideredDisposition() {
        ObjectionReconsidered reconsidered = new ObjectionReconsidered(P, WG, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                                       "Weighed now", "cso", "a1", null, EARLIER);
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"), declaredByGov(), APPEAL,
                      UPHELD, reconsidered)
               .andGivenCurrentTime(NOW)
               .when(new DeclareOutcome(P, ProposalOutcome.ROUGH_CONSENSUS, "Agreed again", null, null, null,
                                        CSO_CHAIR))
               .expectEvents(new RoughConsensusDeclared(
                       P, WG, 1, Texts.sha256(TEXT_1), "Agreed again",
                       List.of(new Dissent("o1", "uni", ACADEMIA, "Grounds of o1", "Weighed now")),
                       List.of(new GroupTally(ACADEMIA, 0, 0, 0, 1)), "cso", null, NOW));
    }

    @Test
    void withoutAnUpheldAppealADispositionIsNotReconsidered() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"))
               .andGivenCurrentTime(NOW)
               .when(new ReconsiderDisposition(P, "o1", Disposition.NOT_ACCOMMODATED, null, "Again", null, null,
                                               null, CSO_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("A disposition is reconsidered after an appeal against the outcome was upheld; "
                                               + "no appeal on proposal \"Principle 1\" has been upheld since its "
                                               + "last outcome")
               .expectNoEvents();
    }

    @Test
    void aReconsiderationFollowsTheRulesOfADisposition() {
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"), declaredByGov(), APPEAL,
                      UPHELD)
               .andGivenCurrentTime(NOW)
               .when(new ReconsiderDisposition(P, "o1", Disposition.ACCOMMODATED, 1, null, null, null, null,
                                               CSO_CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
        fixture.given(submitted(), objection("o1", "uni", ACADEMIA, 1), notAccommodated("o1"), declaredByGov(), APPEAL,
                      UPHELD)
               .andGivenCurrentTime(NOW)
               .when(new ReconsiderDisposition(P, "o1", Disposition.NOT_ACCOMMODATED, null, "Again", null, null,
                                               null, BIZ))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    // ---- positions in a meeting, and when things happened ----------------------------------------------------------

    @Test
    void aPositionInAMeetingIsOnlyTakenForAMemberAttendingIt() {
        AggregateTestFixture<Proposal> partial = new AggregateTestFixture<>(Proposal.class);
        partial.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY)
                .organisation("biz", PRIVATE_SECTOR).organisation("uni", ACADEMIA)
                .body(WG, BodyKind.PLENARY, null, Set.of("gov", "cso"), "gov", "cso", "biz", "uni")
                .meeting("m1", WG, MeetingStatus.OPEN, OPENED, null, Set.of("gov", "biz")));
        partial.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, "m1", null, null, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Organisation uni is not recorded as attending meeting \"Meeting m1\": record "
                                               + "its attendance (in person or remote) before its position in the "
                                               + "meeting")
               .expectNoEvents();
        partial.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "biz", null, "m1", null, null, GOV_CHAIR))
               .expectEvents(new SupportExpressed(P, WG, "biz", PRIVATE_SECTOR, 1, null, "m1", NOW));
        partial.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new ExpressSupport(P, "uni", null, null, null, null, UNI))
               .expectEvents(new SupportExpressed(P, WG, "uni", ACADEMIA, 1, null, null, NOW));
    }

    @Test
    void nothingIsRecordedInAClosedMeetingWhoseMinutesAreSealed() {
        AggregateTestFixture<Proposal> closed = new AggregateTestFixture<>(Proposal.class);
        closed.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY)
                .organisation("biz", PRIVATE_SECTOR).organisation("uni", ACADEMIA)
                .body(WG, BodyKind.PLENARY, null, Set.of("gov", "cso"), "gov", "cso", "biz", "uni")
                .meeting("m1", WG, MeetingStatus.CLOSED, OPENED, NOW, Set.of("gov", "biz")));
        closed.given(submitted())
              .andGivenCurrentTime(NOW)
              .when(new ExpressSupport(P, "biz", null, "m1", OPENED.plusSeconds(60), null, GOV_CHAIR))
              .expectException(RuleViolation.class)
              .expectExceptionMessage("Meeting \"Meeting m1\" is closed and its minutes are sealed: nothing more is "
                                              + "recorded in it. Record the step without the meeting, or record a "
                                              + "correction of the minutes")
              .expectNoEvents();
        closed.given(submitted())
              .andGivenCurrentTime(NOW)
              .when(new ExpressSupport(P, "biz", null, null, null, null, GOV_CHAIR))
              .expectEvents(new SupportExpressed(P, WG, "biz", PRIVATE_SECTOR, 1, null, null, NOW));
    }

    @Test
    void nothingHappensToAProposalBeforeItWasSubmitted() {
        Instant dayBefore = EARLIER.minusSeconds(86_400);
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new RaiseObjection(P, "o1", "uni", "Grounds", null, dayBefore, null, UNI))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("occurredAt 2026-05-03T08:00:00Z is before proposal \"Principle 1\" was "
                                               + "submitted (2026-05-04T08:00:00Z)")
               .expectNoEvents();
    }
}
