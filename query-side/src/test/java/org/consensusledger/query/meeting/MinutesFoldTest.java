package org.consensusledger.query.meeting;

import org.consensusledger.events.EventSamples;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ProposalEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Every step of a proposal taken in a meeting has its text in the minutes: no type of event is passed over. */
class MinutesFoldTest {

    /** No silent skip: a type of proposal event without its rule is refused, so it fails here. */
    @Test
    void everyTypeOfProposalEventHasItsTextInTheMinutes() {
        for (ProposalEvent sample : EventSamples.of(ProposalEvent.class)) {
            assertThatCode(() -> MeetingProjection.detail(sample)).as(sample.getClass().getSimpleName())
                                                                  .doesNotThrowAnyException();
            if (!(sample instanceof ConsensusCallOpened)) {
                assertThat(MeetingProjection.detail(sample)).as(sample.getClass().getSimpleName()).isNotBlank();
            }
        }
        assertThat(EventSamples.of(ProposalEvent.class)).extracting(Object::getClass)
                                                        .containsExactlyInAnyOrder(
                                                                ProposalEvent.class.getPermittedSubclasses());
    }
}
