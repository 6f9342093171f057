package org.consensusledger.command.meeting;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.meeting.MeetingCommands.CloseMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CorrectAttendance;
import org.consensusledger.command.meeting.MeetingCommands.OpenMeeting;
import org.consensusledger.command.meeting.MeetingCommands.RecordAttendance;
import org.consensusledger.command.meeting.MeetingCommands.SealMinutes;
import org.consensusledger.command.meeting.MeetingCommands.SetAgenda;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.CurrentCheckpoint;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.meeting.AgendaSet;
import org.consensusledger.events.meeting.AttendanceCorrected;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;

/**
 * A meeting's record beyond opening and closing: its agenda, corrected attendance, minutes recorded after the fact by
 * the secretariat, and the seal of its minutes.
 */
class MeetingRecordTest {

    private static final Instant OPENED = Instant.parse("2026-05-04T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final Actor CHAIR = Actor.delegateOf("gov", "acc-chair");
    private static final Actor MEMBER = Actor.delegateOf("cso", "acc-cso");
    private static final Actor SECRETARIAT = Actor.secretariat("acc-secretariat");
    private static final MeetingScheduled SCHEDULED = new MeetingScheduled("m1", "wg", "Session", OPENED,
                                                                           MeetingFormat.VIRTUAL, null);
    private static final MeetingOpened OPEN = new MeetingOpened("m1", "wg", "gov", OPENED);
    private static final AttendanceRecorded REMOTE = new AttendanceRecorded("m1", "wg", "cso", AttendanceMode.REMOTE,
                                                                            OPENED);
    private static final String NOTE = "localhost:8082\n43\n" + "A".repeat(43) + "=\n\n— localhost:8082 AAAAAQ==\n";

    private AggregateTestFixture<Meeting> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY)
                .body("wg", BodyKind.PLENARY, null, Set.of("gov"), "gov", "cso")
                .body("other", BodyKind.PLENARY, null, Set.of(), "gov")
                .proposal("p1", "wg", "Principle 1", true).proposal("p2", "wg", "Principle 2", true)
                .proposal("p-decided", "wg", "Principle 0", false).proposal("p-other", "other", "Elsewhere", true));
        fixture.registerInjectableResource((CurrentCheckpoint) Optional::empty);
    }

    // ---- the agenda ----------------------------------------------------------------------------------------------

    @Test
    void aCoChairSetsAndReordersTheAgenda() {
        fixture.given(SCHEDULED)
               .andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p1", "p2"), null, CHAIR))
               .expectEvents(new AgendaSet("m1", "wg", List.of("p1", "p2"), "gov"));
        fixture.given(SCHEDULED, new AgendaSet("m1", "wg", List.of("p1", "p2"), "gov"))
               .andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p2", "p1"), null, SECRETARIAT))
               .expectEvents(new AgendaSet("m1", "wg", List.of("p2", "p1"), null));
    }

    @Test
    void theAgendaHoldsEachOpenProposalOfTheBodyOnce() {
        fixture.given(SCHEDULED).andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p1", "p1"), null, CHAIR))
               .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(SCHEDULED).andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p-other"), null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Proposal \"Elsewhere\" is before body \"Body other\", not body \"Body wg\" "
                                               + "whose meeting this is")
               .expectNoEvents();
        fixture.given(SCHEDULED).andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p-decided"), null, CHAIR))
               .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(SCHEDULED).andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p-unknown"), null, CHAIR))
               .expectException(UnknownReference.class).expectNoEvents();
        fixture.given(SCHEDULED).andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p1"), null, MEMBER))
               .expectException(NotAllowed.class).expectNoEvents();
    }

    @Test
    void aClosedMeetingsAgendaNoLongerChanges() {
        fixture.given(SCHEDULED, OPEN, new MeetingClosed("m1", "wg", "gov", OPENED, null))
               .andGivenCurrentTime(NOW)
               .when(new SetAgenda("m1", List.of("p1"), null, CHAIR))
               .expectException(RuleViolation.class).expectNoEvents();
    }

    // ---- attendance corrected ------------------------------------------------------------------------------------

    @Test
    void attendanceIsCorrectedToAnotherModeOrToNotPresentWithAReason() {
        fixture.given(SCHEDULED, OPEN, REMOTE)
               .andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", AttendanceMode.IN_PERSON, "Ticked as remote by mistake",
                                           null, null, CHAIR))
               .expectEvents(new AttendanceCorrected("m1", "wg", "cso", AttendanceMode.IN_PERSON,
                                                     "Ticked as remote by mistake", NOW));
        fixture.given(SCHEDULED, OPEN, REMOTE)
               .andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", null, "Left before the meeting opened", null, null,
                                           SECRETARIAT))
               .expectEvents(new AttendanceCorrected("m1", "wg", "cso", null, "Left before the meeting opened", NOW));
    }

    @Test
    void aCorrectionNeedsSomethingToCorrectAReasonAndAChange() {
        fixture.given(SCHEDULED, OPEN).andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", AttendanceMode.REMOTE, "Mistake", null, null, CHAIR))
               .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(SCHEDULED, OPEN, REMOTE).andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", AttendanceMode.REMOTE, "Mistake", null, null, CHAIR))
               .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(SCHEDULED, OPEN, REMOTE).andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", null, " ", null, null, CHAIR))
               .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(SCHEDULED, OPEN, REMOTE).andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", null, "Mistake", null, null, MEMBER))
               .expectException(NotAllowed.class).expectNoEvents();
    }

    @Test
    void aCorrectionIsMadeAfterTheMeetingOpenedAndAClosedMeetingTakesNoNewAttendance() {
        fixture.given(SCHEDULED, OPEN, REMOTE).andGivenCurrentTime(NOW)
               .when(new CorrectAttendance("m1", "cso", AttendanceMode.IN_PERSON, "Mistake",
                                           OPENED.minusSeconds(60), null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("occurredAt 2026-05-04T08:59:00Z is before meeting \"Session\" opened "
                                               + "(2026-05-04T09:00:00Z): a correction of its attendance is made "
                                               + "after that")
               .expectNoEvents();
        MeetingClosed closed = new MeetingClosed("m1", "wg", "gov", NOW, null);
        fixture.given(SCHEDULED, OPEN, closed).andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.REMOTE, OPENED.plusSeconds(60), null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Meeting \"Session\" is closed and its minutes are sealed: correct its "
                                               + "attendance instead")
               .expectNoEvents();
        fixture.given(SCHEDULED, OPEN, REMOTE, closed).andGivenCurrentTime(NOW.plusSeconds(60))
               .when(new CorrectAttendance("m1", "cso", AttendanceMode.IN_PERSON, "Was in the room", null, null,
                                           CHAIR))
               .expectEvents(new AttendanceCorrected("m1", "wg", "cso", AttendanceMode.IN_PERSON, "Was in the room",
                                                     NOW.plusSeconds(60)));
    }

    @Test
    void aMemberCorrectedToNotPresentCanBeRecordedAgain() {
        fixture.given(SCHEDULED, OPEN, REMOTE, new AttendanceCorrected("m1", "wg", "cso", null, "Not there", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.IN_PERSON, null, null, CHAIR))
               .expectEvents(new AttendanceRecorded("m1", "wg", "cso", AttendanceMode.IN_PERSON, NOW));
    }

    // ---- the secretariat records a meeting after the fact -----------------------------------------------------------

    @Test
    void theSecretariatOpensRecordsAttendanceAndClosesAfterTheFact() {
        Instant yesterday = NOW.minusSeconds(86_400);
        fixture.given(SCHEDULED).andGivenCurrentTime(NOW)
               .when(new OpenMeeting("m1", yesterday, null, SECRETARIAT))
               .expectEvents(new MeetingOpened("m1", "wg", null, yesterday));
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", null, yesterday)).andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.REMOTE, yesterday.plusSeconds(60), null,
                                          SECRETARIAT))
               .expectEvents(new AttendanceRecorded("m1", "wg", "cso", AttendanceMode.REMOTE,
                                                    yesterday.plusSeconds(60)));
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", null, yesterday)).andGivenCurrentTime(NOW)
               .when(new CloseMeeting("m1", yesterday.plusSeconds(3_600), null, SECRETARIAT))
               .expectEvents(new MeetingClosed("m1", "wg", null, yesterday.plusSeconds(3_600), null));
    }

    // ---- the seal ------------------------------------------------------------------------------------------------

    @Test
    void closedMinutesAreSealedOnceByACheckpointThatHoldsTheClosing() {
        MeetingClosed closed = new MeetingClosed("m1", "wg", "gov", NOW, null);
        fixture.given(SCHEDULED, OPEN, closed)
               .when(new SealMinutes("m1", 42, 43, NOTE))
               .expectEvents(new MinutesSealed("m1", "wg", 42, 43, NOTE));
        fixture.given(SCHEDULED, OPEN, closed)
               .when(new SealMinutes("m1", 42, 42, NOTE))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("A checkpoint of 42 events does not hold the closing of meeting \"Session\" at "
                                               + "position 42")
               .expectNoEvents();
        fixture.given(SCHEDULED, OPEN, closed, new MinutesSealed("m1", "wg", 42, 43, NOTE))
               .when(new SealMinutes("m1", 42, 50, NOTE))
               .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(SCHEDULED, OPEN)
               .when(new SealMinutes("m1", 42, 43, NOTE))
               .expectException(RuleViolation.class).expectNoEvents();
    }
}
