package org.consensusledger.command.proposal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.proposal.ProposalCommands.AddressObjection;
import org.consensusledger.command.proposal.ProposalCommands.DecideAppeal;
import org.consensusledger.command.proposal.ProposalCommands.DeclareOutcome;
import org.consensusledger.command.proposal.ProposalCommands.EndConsensusCall;
import org.consensusledger.command.proposal.ProposalCommands.OpenConsensusCall;
import org.consensusledger.command.proposal.ProposalCommands.ReopenProposal;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalOutcome;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.consensusledger.command.proposal.ProposalFixtures.BIZ;
import static org.consensusledger.command.proposal.ProposalFixtures.CSO_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.EARLIER;
import static org.consensusledger.command.proposal.ProposalFixtures.GOV_CHAIR;
import static org.consensusledger.command.proposal.ProposalFixtures.NOW;
import static org.consensusledger.command.proposal.ProposalFixtures.P;
import static org.consensusledger.command.proposal.ProposalFixtures.SECRETARIAT;
import static org.consensusledger.command.proposal.ProposalFixtures.TEXT_1;
import static org.consensusledger.command.proposal.ProposalFixtures.WG;
import static org.consensusledger.command.proposal.ProposalFixtures.declaredByGov;
import static org.consensusledger.command.proposal.ProposalFixtures.objection;
import static org.consensusledger.command.proposal.ProposalFixtures.submitted;
import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

/**
 * Rule 2 of the terms of reference, by construction: no individual co-chair can unilaterally block a decision. Every
 * way one co-chair alone could hold a proposal back — a consensus call that never ends, a second call, a deferral, an
 * appeal only they could decide, their own objection, being relieved while their call runs — and how another co-chair
 * or the secretariat moves it on.
 */
class NoUnilateralBlockTest {

    private static final Instant FAR = NOW.plus(Duration.ofDays(15));
    private static final ConsensusCallOpened LONG_CALL = new ConsensusCallOpened(
            P, WG, 1, NOW.plus(Duration.ofDays(13)), "gov", null, EARLIER);

    private AggregateTestFixture<Proposal> fixture;

    @BeforeEach
    void setUp() {
        fixture = ProposalFixtures.fixture();
    }

    @Test
    void aConsensusCallRunsNoLongerThanTheBodysTerms() {
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new OpenConsensusCall(P, FAR, null, null, null, GOV_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("A consensus call of body \"Body wg\" runs 14 days at most (the body's terms): "
                                               + "its deadline can be 2026-05-18T10:00:00Z at the latest, not "
                                               + "2026-05-19T10:00:00Z")
               .expectNoEvents();
    }

    @Test
    void theLimitIsWhatTheSecretariatSetForTheBody() {
        AggregateTestFixture<Proposal> limited = new AggregateTestFixture<>(Proposal.class);
        limited.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY).organisation("biz", PRIVATE_SECTOR)
                .body(WG, BodyKind.PLENARY, null, Set.of("gov", "cso"), "gov", "cso", "biz")
                .callLimit(WG, 30));
        limited.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new OpenConsensusCall(P, FAR, null, null, null, GOV_CHAIR))
               .expectEvents(new ConsensusCallOpened(P, WG, 1, FAR, "gov", null, NOW));
    }

    @Test
    void anotherCoChairEndsACallEarlyWithReasonsAndAnOutcomeCanThenBeDeclared() {
        fixture.given(submitted(), LONG_CALL)
               .andGivenCurrentTime(NOW)
               .when(new EndConsensusCall(P, "Every member has spoken", null, null, null, CSO_CHAIR))
               .expectEvents(new ConsensusCallEnded(P, WG, "cso", "Every member has spoken", null, NOW));
        fixture.given(submitted(), LONG_CALL, new ConsensusCallEnded(P, WG, "cso", "Every member has spoken", null,
                                                                     NOW))
               .andGivenCurrentTime(NOW)
               .when(new DeclareOutcome(P, ProposalOutcome.ROUGH_CONSENSUS, "Agreed", null, null, null, CSO_CHAIR))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new RoughConsensusDeclared(P, WG, 1, Texts.sha256(TEXT_1), "Agreed", List.of(),
                                                        List.of(), "cso", null, NOW));
    }

    @Test
    void theSecretariatEndsACall() {
        fixture.given(submitted(), LONG_CALL)
               .andGivenCurrentTime(NOW)
               .when(new EndConsensusCall(P, "The co-chair who opened it has left the body", null, null, null,
                                          SECRETARIAT))
               .expectEvents(new ConsensusCallEnded(P, WG, null, "The co-chair who opened it has left the body", null,
                                                    NOW));
    }

    @Test
    void aCallWhoseCoChairWasRelievedIsEndedByTheCoChairWhoRemains() {
        AggregateTestFixture<Proposal> afterRelief = new AggregateTestFixture<>(Proposal.class);
        afterRelief.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY).organisation("biz", PRIVATE_SECTOR)
                .body(WG, BodyKind.PLENARY, null, Set.of("cso"), "gov", "cso", "biz"));
        afterRelief.given(submitted(), LONG_CALL)
                   .andGivenCurrentTime(NOW)
                   .when(new EndConsensusCall(P, "Its co-chair was relieved", null, null, null, CSO_CHAIR))
                   .expectEvents(new ConsensusCallEnded(P, WG, "cso", "Its co-chair was relieved", null, NOW));
    }

    @Test
    void aMemberWhoIsNotACoChairDoesNotEndACall() {
        fixture.given(submitted(), LONG_CALL)
               .andGivenCurrentTime(NOW)
               .when(new EndConsensusCall(P, "Enough", null, null, null, BIZ))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void endingACallTakesReasonsAndACall() {
        fixture.given(submitted(), LONG_CALL)
               .andGivenCurrentTime(NOW)
               .when(new EndConsensusCall(P, " ", null, null, null, CSO_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("reasons must not be blank")
               .expectNoEvents();
        fixture.given(submitted())
               .andGivenCurrentTime(NOW)
               .when(new EndConsensusCall(P, "Enough", null, null, null, CSO_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("No consensus call is open on proposal \"Principle 1\" (it is open): there is "
                                               + "nothing to end")
               .expectNoEvents();
    }

    @Test
    void aSecondCallIsRefusedWithTheWayOutNamed() {
        fixture.given(submitted(), LONG_CALL)
               .andGivenCurrentTime(NOW)
               .when(new OpenConsensusCall(P, NOW.plus(Duration.ofDays(1)), null, null, null, CSO_CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("A consensus call on proposal \"Principle 1\" is already open until "
                                               + "2026-05-17T10:00:00Z; a co-chair or the secretariat may end it "
                                               + "first, with reasons")
               .expectNoEvents();
    }

    @Test
    void aDeferralByOneCoChairIsReopenedByAnother() {
        fixture.given(submitted(), new ProposalDeferred(P, WG, 1, "Later", "gov", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new ReopenProposal(P, "We are ready", null, null, null, CSO_CHAIR))
               .expectEvents(new ProposalReopened(P, WG, "We are ready", "cso", null, NOW));
    }

    @Test
    void anAppealByTheOtherCoChairIsDecidedByTheSecretariat() {
        fixture.given(submitted(), declaredByGov(),
                      new AppealLodged(P, WG, "a1", "cso", "Our objection was not heard", null, EARLIER))
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.DISMISSED, "It was heard", null, null, null,
                                      SECRETARIAT))
               .expectEvents(new AppealDecided(P, WG, "a1", AppealDecision.DISMISSED, "It was heard", null, null,
                                               NOW));
    }

    @Test
    void aCoChairDoesNotDecideItsOwnAppealTheSecretariatDoes() {
        AppealLodged lodged = new AppealLodged(P, WG, "a1", "cso", "Our support was not weighed", null, EARLIER);
        fixture.given(submitted(), declaredByGov(), lodged)
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.UPHELD, "We agree with ourselves", null, null, null,
                                      CSO_CHAIR))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("An appeal is decided by a co-chair other than the one who lodged it: "
                                               + "Organisation cso is the appellant (another co-chair or the "
                                               + "secretariat decides it)")
               .expectNoEvents();
        fixture.given(submitted(), declaredByGov(), lodged)
               .andGivenCurrentTime(NOW)
               .when(new DecideAppeal(P, "a1", AppealDecision.UPHELD, "It was not weighed", null, null, null,
                                      SECRETARIAT))
               .expectEvents(new AppealDecided(P, WG, "a1", AppealDecision.UPHELD, "It was not weighed", null, null,
                                               NOW));
    }

    @Test
    void aCoChairsOwnObjectionOnceAddressedDoesNotStopTheDeclaration() {
        ObjectionAddressed addressed = new ObjectionAddressed(P, WG, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                              "Covered elsewhere", "cso", null, EARLIER);
        fixture.given(submitted(), objection("o1", "gov", GOVERNMENT, 1), addressed)
               .andGivenCurrentTime(NOW)
               .when(new DeclareOutcome(P, ProposalOutcome.ROUGH_CONSENSUS, "Agreed", null, null, null, CSO_CHAIR))
               .expectEvents(new RoughConsensusDeclared(
                       P, WG, 1, Texts.sha256(TEXT_1), "Agreed",
                       List.of(new Dissent("o1", "gov", GOVERNMENT, "Grounds of o1", "Covered elsewhere")),
                       List.of(new GroupTally(GOVERNMENT, 0, 0, 0, 1)), "cso", null, NOW));
    }

    @Test
    void anObjectionWithoutDispositionIsAddressedByAnyCoChair() {
        fixture.given(submitted(), objection("o1", "gov", GOVERNMENT, 1))
               .andGivenCurrentTime(NOW)
               .when(new AddressObjection(P, "o1", Disposition.NOT_ACCOMMODATED, null, "Covered elsewhere", null, null,
                                          null, CSO_CHAIR))
               .expectEvents(new ObjectionAddressed(P, WG, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                    "Covered elsewhere", "cso", null, NOW));
    }
}
