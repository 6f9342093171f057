package org.consensusledger.command.shared;

import org.axonframework.eventhandling.GenericEventMessage;

import java.time.Instant;

/**
 * The ledger's "now" and the rules on {@code occurredAt}. Read through Axon's event clock, which is the clock that
 * stamps {@code recordedAt} on events and the one {@code AggregateTestFixture.givenCurrentTime} fixes in tests.
 */
public final class LedgerTime {

    private LedgerTime() {
    }

    public static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    /**
     * When something happened: now if not given; never in the future; never before the meeting it belongs to opened
     * (nor after it closed).
     */
    public static Instant occurredAt(Instant requested, Directory.MeetingView meeting) {
        Instant now = now();
        Instant occurredAt = requested == null ? now : requested;
        if (occurredAt.isAfter(now)) {
            throw new RuleViolation("occurred-in-future", "occurredAt " + occurredAt
                    + " is in the future (the ledger's time is " + now + ")");
        }
        if (meeting != null) {
            if (meeting.status() == Directory.MeetingStatus.CLOSED) {
                throw new RuleViolation("meeting-closed", "Meeting \"" + meeting.title() + "\" is closed and its "
                        + "minutes are sealed: nothing more is recorded in it. Record the step without the meeting, "
                        + "or record a correction of the minutes");
            }
            if (meeting.openedAt() == null) {
                throw new RuleViolation("meeting-not-open", "Meeting \"" + meeting.title()
                        + "\" has not been opened: nothing can be recorded in it yet");
            }
            if (occurredAt.isBefore(meeting.openedAt())) {
                throw new RuleViolation("occurred-before-meeting", "occurredAt " + occurredAt
                        + " is before meeting \"" + meeting.title() + "\" opened (" + meeting.openedAt() + ")");
            }
            if (meeting.closedAt() != null && occurredAt.isAfter(meeting.closedAt())) {
                throw new RuleViolation("occurred-after-meeting", "occurredAt " + occurredAt
                        + " is after meeting \"" + meeting.title() + "\" closed (" + meeting.closedAt() + ")");
            }
        }
        return occurredAt;
    }
}
