package org.consensusledger.command.body;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.body.BodyCommands.AdmitMember;
import org.consensusledger.command.body.BodyCommands.AmendMandate;
import org.consensusledger.command.body.BodyCommands.AppointCoChair;
import org.consensusledger.command.body.BodyCommands.EstablishBody;
import org.consensusledger.command.body.BodyCommands.RelieveCoChair;
import org.consensusledger.command.body.BodyCommands.SetConsensusCallLimit;
import org.consensusledger.command.body.BodyCommands.WithdrawMember;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.CoChairRelieved;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.body.MembershipRequested;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Set;

import static org.consensusledger.events.StakeholderGroup.ACADEMIA;
import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

class BodyTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final Actor SECRETARIAT = Actor.secretariat("acc-secretariat");
    private static final Actor CHAIR = Actor.delegateOf("gov", "acc-chair");
    private static final Actor MEMBER = Actor.delegateOf("cso", "acc-cso");
    private static final String WG = "wg";

    private AggregateTestFixture<Body> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Body.class);
        fixture.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY)
                .organisation("biz", PRIVATE_SECTOR).organisation("uni", ACADEMIA)
                .organisation("ministry", GOVERNMENT).organisation("cso2", CIVIL_SOCIETY)
                .body("plenary", BodyKind.PLENARY, null, Set.of())
                .body("other-wg", BodyKind.WORKING_GROUP, "plenary", Set.of()));
    }

    private Object[] established() {
        return new Object[]{
                new BodyEstablished(WG, "Data", BodyKind.WORKING_GROUP, "plenary", "Draft"),
                new MemberAdmitted(WG, "gov", GOVERNMENT, AdmissionPath.BY_SECRETARIAT, null, null),
                new CoChairAppointed(WG, "gov"),
                new MemberAdmitted(WG, "cso", CIVIL_SOCIETY, AdmissionPath.BY_SECRETARIAT, null, null)};
    }

    @Test
    void theSecretariatEstablishesAWorkingGroupUnderAPlenary() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody(WG, " Data ", BodyKind.WORKING_GROUP, "plenary", "Draft", SECRETARIAT))
               .expectEvents(new BodyEstablished(WG, "Data", BodyKind.WORKING_GROUP, "plenary", "Draft"));
    }

    @Test
    void aBodyIsEstablishedInTheTimeZoneItsMeetingsAreHeldIn() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody("p2", "Plenary", BodyKind.PLENARY, null, "Decide", " Europe/Zurich ",
                                       SECRETARIAT))
               .expectEvents(new BodyEstablished("p2", "Plenary", BodyKind.PLENARY, null, "Decide", "Europe/Zurich"));
    }

    @Test
    void aBodyWithoutATimeZoneKeepsUtc() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody("p2", "Plenary", BodyKind.PLENARY, null, "Decide", "  ", SECRETARIAT))
               .expectEvents(new BodyEstablished("p2", "Plenary", BodyKind.PLENARY, null, "Decide", null));
    }

    @Test
    void aTimeZoneTheLedgerDoesNotKnowIsRefusedInWords() {
        for (String unknown : new String[]{"Mars/Base", "+01:00", "../x", "europe/zurich", "x".repeat(10_000)}) {
            fixture.givenCurrentTime(NOW)
                    .when(new EstablishBody("p2", "Plenary", BodyKind.PLENARY, null, "Decide", unknown, SECRETARIAT))
                    .expectException(RuleViolation.class)
                    .expectExceptionMessage("timeZone is not a time zone the ledger knows: write an IANA time zone "
                                                    + "id such as Europe/Zurich, America/New_York or UTC (not an "
                                                    + "offset such as +01:00)")
                    .expectNoEvents();
        }
    }

    @Test
    void onlyTheSecretariatEstablishesBodies() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody(WG, "Data", BodyKind.PLENARY, null, "Draft", CHAIR))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only the secretariat establishes bodies; this token is a delegate of "
                                               + "Organisation gov")
               .expectNoEvents();
    }

    @Test
    void aWorkingGroupMustBeUnderAPlenary() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody(WG, "Data", BodyKind.WORKING_GROUP, "other-wg", "Draft", SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Body \"Body other-wg\" is a working group, not a plenary: a working group "
                                               + "works under a plenary")
               .expectNoEvents();
    }

    @Test
    void aWorkingGroupUnderAnUnknownBodyIsRefused() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody(WG, "Data", BodyKind.WORKING_GROUP, "nowhere", "Draft", SECRETARIAT))
               .expectException(UnknownReference.class)
               .expectNoEvents();
    }

    @Test
    void aPlenaryIsUnderNoOtherBody() {
        fixture.givenCurrentTime(NOW)
               .when(new EstablishBody("p2", "Plenary", BodyKind.PLENARY, "plenary", "Decide", SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void aCivilSocietyOrganisationThatAsksToJoinIsAdmittedWithNoApprovalStep() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "cso2", null, Actor.delegateOf("cso2", "acc-cso2")))
               .expectEvents(new MemberAdmitted(WG, "cso2", CIVIL_SOCIETY, AdmissionPath.ON_REQUEST, "cso2", null));
    }

    @Test
    void anUnregisteredOrganisationCannotJoin() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "ghost", null, Actor.delegateOf("ghost", "acc-ghost")))
               .expectException(UnknownReference.class)
               .expectExceptionMessage("There is no organisation ghost")
               .expectNoEvents();
    }

    @Test
    void aPrivateSectorOrganisationProposedByAnyMemberIsAdmittedAtOnce() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "biz", null, MEMBER))
               .expectEvents(new MemberAdmitted(WG, "biz", PRIVATE_SECTOR, AdmissionPath.ON_REQUEST, "cso", null));
    }

    @Test
    void aGovernmentsRequestWaitsForACoChair() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "ministry", null, Actor.delegateOf("ministry", "acc-ministry")))
               .expectEvents(new MembershipRequested(WG, "ministry", GOVERNMENT, "ministry"));
    }

    @Test
    void aCoChairAdmitsARequestedMemberAndWhoAskedIsKept() {
        fixture.given(established())
               .andGiven(new MembershipRequested(WG, "uni", ACADEMIA, "cso"))
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "uni", null, CHAIR))
               .expectEvents(new MemberAdmitted(WG, "uni", ACADEMIA, AdmissionPath.BY_CO_CHAIR, "cso", "gov"));
    }

    @Test
    void aSecondRequestForAPendingMemberIsRefused() {
        fixture.given(established())
               .andGiven(new MembershipRequested(WG, "uni", ACADEMIA, "cso"))
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "uni", null, Actor.delegateOf("uni", "acc-uni")))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Membership of Organisation uni in body \"Data\" was already requested by "
                                               + "Organisation cso; a co-chair admits it")
               .expectNoEvents();
    }

    @Test
    void anOutsiderCannotProposeAnotherOrganisation() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "biz", null, Actor.delegateOf("uni", "acc-uni")))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void anOrganisationIsAdmittedOnlyOnce() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AdmitMember(WG, "cso", null, SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Organisation cso is already a member of body \"Data\"")
               .expectNoEvents();
    }

    @Test
    void aCoChairMustBeAMember() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AppointCoChair(WG, "biz", null, SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Organisation biz is not a member of body \"Data\": admit it before appointing "
                                               + "it co-chair")
               .expectNoEvents();
    }

    @Test
    void theSecretariatAppointsAndRelievesCoChairs() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AppointCoChair(WG, "cso", null, SECRETARIAT))
               .expectEvents(new CoChairAppointed(WG, "cso"))
               .expectResultMessagePayload(4L);
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new RelieveCoChair(WG, "gov", "Term ended", null, SECRETARIAT))
               .expectEvents(new CoChairRelieved(WG, "gov", "Term ended"));
    }

    @Test
    void aCoChairCannotAppointCoChairs() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AppointCoChair(WG, "cso", null, CHAIR))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void aMemberWithdrawsItselfButNotAnother() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new WithdrawMember(WG, "cso", "Merged", null, MEMBER))
               .expectEvents(new MemberWithdrawn(WG, "cso", "Merged"));
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new WithdrawMember(WG, "cso", "Pushed out", null, CHAIR))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void aCoChairIsRelievedBeforeItWithdraws() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new WithdrawMember(WG, "gov", "Leaving", null, CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void theSecretariatAmendsTheMandate() {
        fixture.given(established())
               .andGivenCurrentTime(NOW)
               .when(new AmendMandate(WG, "Draft and review", "Plenary decision", null, SECRETARIAT))
               .expectEvents(new MandateAmended(WG, "Draft and review", "Plenary decision"));
    }

    @Test
    void theSecretariatSetsTheLongestAConsensusCallOfTheBodyMayRun() {
        fixture.given(established())
               .when(new SetConsensusCallLimit(WG, 30, null, SECRETARIAT))
               .expectEvents(new ConsensusCallLimitSet(WG, 30));
        fixture.given(established())
               .when(new SetConsensusCallLimit(WG, 30, null, CHAIR))
               .expectException(NotAllowed.class)
               .expectNoEvents();
        fixture.given(established())
               .when(new SetConsensusCallLimit(WG, 366, null, SECRETARIAT))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("A consensus call may be limited to 1 to 365 days, not 366")
               .expectNoEvents();
    }
}
