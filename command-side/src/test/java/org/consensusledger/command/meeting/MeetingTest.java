package org.consensusledger.command.meeting;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.meeting.MeetingCommands.CancelMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CloseMeeting;
import org.consensusledger.command.meeting.MeetingCommands.OpenMeeting;
import org.consensusledger.command.meeting.MeetingCommands.RecordAttendance;
import org.consensusledger.command.meeting.MeetingCommands.ScheduleMeeting;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.CurrentCheckpoint;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;

class MeetingTest {

    private static final Instant OPENED = Instant.parse("2026-05-04T09:00:00Z");
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final Actor CHAIR = Actor.delegateOf("gov", "acc-chair");
    private static final Actor MEMBER = Actor.delegateOf("cso", "acc-cso");
    private static final MeetingScheduled SCHEDULED = new MeetingScheduled(
            "m1", "wg", "Session", OPENED, MeetingFormat.VIRTUAL, null);

    /** The log's latest signed checkpoint, as the query side would have signed it. */
    private static final String CHECKPOINT = "localhost:8082\n12\n" + "A".repeat(43) + "=\n\n— localhost:8082 "
            + "AAAAAQ==\n";

    private AggregateTestFixture<Meeting> fixture;
    private final AtomicReference<String> latestCheckpoint = new AtomicReference<>(CHECKPOINT);

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Meeting.class);
        fixture.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY)
                .organisation("outsider", CIVIL_SOCIETY)
                .body("wg", BodyKind.PLENARY, null, Set.of("gov"), "gov", "cso"));
        fixture.registerInjectableResource((CurrentCheckpoint) () -> Optional.ofNullable(latestCheckpoint.get()));
    }

    @Test
    void aCoChairSchedulesAMeetingOfItsBody() {
        fixture.givenCurrentTime(NOW)
               .when(new ScheduleMeeting("m1", "wg", "Session", OPENED, MeetingFormat.HYBRID, "Geneva", CHAIR))
               .expectEvents(new MeetingScheduled("m1", "wg", "Session", OPENED, MeetingFormat.HYBRID, "Geneva"));
    }

    @Test
    void onlyCoChairsScheduleMeetings() {
        fixture.givenCurrentTime(NOW)
               .when(new ScheduleMeeting("m1", "wg", "Session", OPENED, MeetingFormat.VIRTUAL, null, MEMBER))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only a co-chair of body \"Body wg\" or the secretariat may schedule its "
                                               + "meetings; this token is a delegate of Organisation cso")
               .expectNoEvents();
    }

    /** The secretariat may record a meeting after the fact, from its minutes: scheduled, opened, closed. */
    @Test
    void theSecretariatMayRecordAMeetingAfterTheFact() {
        fixture.givenCurrentTime(NOW)
               .when(new ScheduleMeeting("m1", "wg", "Session", OPENED, MeetingFormat.VIRTUAL, null,
                                         Actor.secretariat("acc-s")))
               .expectSuccessfulHandlerExecution()
               .expectEvents(new MeetingScheduled("m1", "wg", "Session", OPENED, MeetingFormat.VIRTUAL, null));
    }

    @Test
    void anInPersonMeetingNeedsALocation() {
        fixture.givenCurrentTime(NOW)
               .when(new ScheduleMeeting("m1", "wg", "Session", OPENED, MeetingFormat.IN_PERSON, " ", CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void aCoChairOpensTheMeetingNow() {
        fixture.given(SCHEDULED)
               .andGivenCurrentTime(NOW)
               .when(new OpenMeeting("m1", null, null, CHAIR))
               .expectEvents(new MeetingOpened("m1", "wg", "gov", NOW))
               .expectResultMessagePayload(1L);
    }

    @Test
    void onlyCoChairsOpenMeetings() {
        fixture.given(SCHEDULED)
               .andGivenCurrentTime(NOW)
               .when(new OpenMeeting("m1", null, null, MEMBER))
               .expectException(NotAllowed.class)
               .expectNoEvents();
    }

    @Test
    void anOpeningCannotHaveHappenedInTheFuture() {
        fixture.given(SCHEDULED)
               .andGivenCurrentTime(NOW)
               .when(new OpenMeeting("m1", NOW.plusSeconds(1), null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("occurredAt 2026-05-04T10:00:01Z is in the future (the ledger's time is "
                                               + "2026-05-04T10:00:00Z)")
               .expectNoEvents();
    }

    @Test
    void attendanceIsRecordedByACoChairForAMember() {
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.REMOTE, null, null, CHAIR))
               .expectEvents(new AttendanceRecorded("m1", "wg", "cso", AttendanceMode.REMOTE, NOW));
    }

    @Test
    void attendanceCannotHaveHappenedBeforeTheMeetingOpened() {
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.REMOTE, OPENED.minusSeconds(60), null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("occurredAt 2026-05-04T08:59:00Z is before meeting \"Session\" opened "
                                               + "(2026-05-04T09:00:00Z)")
               .expectNoEvents();
    }

    @Test
    void attendanceIsRecordedOnlyOnceAndOnlyForMembers() {
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED),
                      new AttendanceRecorded("m1", "wg", "cso", AttendanceMode.REMOTE, OPENED))
               .andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.IN_PERSON, null, null, CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "outsider", AttendanceMode.IN_PERSON, null, null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Organisation outsider is not a member of body \"Body wg\"")
               .expectNoEvents();
    }

    @Test
    void attendanceWaitsForTheOpening() {
        fixture.given(SCHEDULED)
               .andGivenCurrentTime(NOW)
               .when(new RecordAttendance("m1", "cso", AttendanceMode.REMOTE, null, null, CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }

    @Test
    void closingBeforeAnyCheckpointWasSignedRecordsNone() {
        latestCheckpoint.set(null);
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new CloseMeeting("m1", null, null, CHAIR))
               .expectEvents(new MeetingClosed("m1", "wg", "gov", NOW, null));
    }

    @Test
    void aCoChairClosesAnOpenMeetingRecordingTheCurrentCheckpointAndItCannotBeClosedTwice() {
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new CloseMeeting("m1", null, null, CHAIR))
               .expectEvents(new MeetingClosed("m1", "wg", "gov", NOW, CHECKPOINT));
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED),
                      new MeetingClosed("m1", "wg", "gov", NOW, CHECKPOINT))
               .andGivenCurrentTime(NOW)
               .when(new CloseMeeting("m1", null, null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Meeting \"Session\" is closed: only a meeting that is open can be closed")
               .expectNoEvents();
    }

    @Test
    void aMeetingCannotHaveClosedBeforeAttendanceRecordedInIt() {
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED),
                      new AttendanceRecorded("m1", "wg", "cso", AttendanceMode.REMOTE, OPENED.plusSeconds(1800)))
               .andGivenCurrentTime(NOW)
               .when(new CloseMeeting("m1", OPENED.plusSeconds(600), null, CHAIR))
               .expectException(RuleViolation.class)
               .expectExceptionMessage("Meeting \"Session\" cannot have closed at 2026-05-04T09:10:00Z: attendance is "
                                               + "recorded in it at 2026-05-04T09:30:00Z")
               .expectNoEvents();
    }

    @Test
    void onlyAScheduledMeetingIsCancelled() {
        fixture.given(SCHEDULED)
               .andGivenCurrentTime(NOW)
               .when(new CancelMeeting("m1", "No quorum", null, CHAIR))
               .expectEvents(new MeetingCancelled("m1", "wg", "gov", "No quorum"));
        fixture.given(SCHEDULED, new MeetingOpened("m1", "wg", "gov", OPENED))
               .andGivenCurrentTime(NOW)
               .when(new CancelMeeting("m1", "No quorum", null, CHAIR))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }
}
