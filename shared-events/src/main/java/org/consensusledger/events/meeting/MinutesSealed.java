package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;

/**
 * The meeting's minutes are sealed: {@code checkpoint} is a signed checkpoint of the log (a C2SP signed note) whose
 * tree holds every event of the meeting, its closing (at global position {@code closingPosition}) included, so
 * {@code checkpointSize} is above that position. An inclusion proof of the closing against it proves the minutes are
 * in the log as signed.
 */
@Revision("1")
public record MinutesSealed(String meetingId,
                            String bodyId,
                            long closingPosition,
                            long checkpointSize,
                            String checkpoint) implements MeetingEvent {
}
