package org.consensusledger.command.console;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.EventSamples;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agenda the console offers shows each proposal where its lifecycle says it stands, after every type of proposal
 * event (handed to the index as Axon hands them, to its most specific handler) and from every status.
 */
class ConsoleIndexTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    private final LedgerDatabase database = new LedgerDatabase(MONGO.freshDatabase());
    private final ConsoleIndex index = new ConsoleIndex(database);
    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(index);

    /** No silent skip: an event the index passed over would leave a proposal where the lifecycle does not. */
    @Test
    void everyTypeOfProposalEventMovesTheProposalOnAsItsLifecycleSays() throws Exception {
        ProposalSubmitted submitted = EventSamples.of(ProposalSubmitted.class).get(0);
        for (ProposalStatus before : ProposalStatus.values()) {
            for (ProposalEvent sample : EventSamples.of(ProposalEvent.class)) {
                handlers.handle(GenericEventMessage.asEventMessage(submitted));
                database.collection(LedgerCollection.CONSOLE_INDEX)
                        .updateOne(Filters.eq("_id", submitted.proposalId()), Updates.set("status", before.name()));

                handlers.handle(GenericEventMessage.asEventMessage(sample));

                ProposalStatus expected = sample instanceof ProposalSubmitted ? ProposalLifecycle.submitted().status()
                        : ProposalLifecycle.statusAfter(before, sample);
                assertThat(index.proposals(submitted.bodyId())).singleElement()
                        .satisfies(entry -> assertThat(entry.status())
                                .as("%s after %s", before, sample.getClass().getSimpleName())
                                .isEqualTo(expected.name()));
            }
        }
    }

    @Test
    void aConsensusCallEndedEarlyOpensTheProposalAgainOnTheAgenda() throws Exception {
        for (Class<? extends ProposalEvent> type : List.of(ProposalSubmitted.class, ConsensusCallOpened.class,
                                                            ConsensusCallEnded.class)) {
            handlers.handle(GenericEventMessage.asEventMessage(EventSamples.of(type).get(0)));
        }

        assertThat(index.proposals(EventSamples.of(ProposalSubmitted.class).get(0).bodyId()))
                .extracting(ConsoleIndex.Entry::status).containsExactly("OPEN");
    }
}
