package org.consensusledger.events.meeting;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The meeting's agenda, set or reordered by a co-chair or the secretariat ({@code setBy} null): its proposals, in the
 * order they are taken. The minutes follow it. Each event replaces the agenda before it.
 */
@Revision("1")
public record AgendaSet(String meetingId,
                        String bodyId,
                        List<String> proposalIds,
                        String setBy) implements MeetingEvent {

    public AgendaSet {
        proposalIds = List.copyOf(proposalIds);
    }
}
