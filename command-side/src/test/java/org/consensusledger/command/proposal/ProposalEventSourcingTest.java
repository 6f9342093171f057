package org.consensusledger.command.proposal;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.EventSamples;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalLifecycle.Stage;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.junit.jupiter.api.Test;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The aggregate sources every type of proposal event, and where each leaves the proposal is the lifecycle's: the
 * status and outcome a co-chair's screen shows and the rules decide on are those the read models and the verifier
 * show. Its rules themselves are the {@code AggregateTestFixture} tests'.
 */
class ProposalEventSourcingTest {

    private static final Instant AT = Instant.parse("2026-05-04T10:00:00Z");
    private static final ProposalSubmitted SUBMITTED = new ProposalSubmitted("p1", "wg", "cso", "Title", "Text", "sha",
                                                                             null, AT);
    private static final RoughConsensusDeclared DECLARED = new RoughConsensusDeclared(
            "p1", "wg", 1, "sha", "Agreed", List.of(), List.of(), "gov", null, AT);
    private static final AppealLodged LODGED = new AppealLodged("p1", "wg", "a1", "biz", "Not heard", null, AT);

    /** A way to each stage a proposal can be in, from its submission. */
    private static final List<List<ProposalEvent>> EVERY_STAGE = List.of(
            List.of(SUBMITTED),
            List.of(SUBMITTED, new ConsensusCallOpened("p1", "wg", 1, AT.plusSeconds(86_400), "gov", null, AT)),
            List.of(SUBMITTED, DECLARED),
            List.of(SUBMITTED, new ConsensusNotReached("p1", "wg", 1, "Split", List.of(), "gov", null, AT)),
            List.of(SUBMITTED, DECLARED, LODGED),
            List.of(SUBMITTED, DECLARED, LODGED,
                    new AppealDecided("p1", "wg", "a1", AppealDecision.UPHELD, "Not heard indeed", "uni", null, AT)),
            List.of(SUBMITTED, new ProposalDeferred("p1", "wg", 1, "Later", "gov", null, AT)),
            List.of(SUBMITTED, new ProposalWithdrawn("p1", "wg", "cso", "Superseded", null, AT)));

    @Test
    void everyTypeOfProposalEventHasAnEventSourcingHandlerOfItsOwn() {
        List<Class<?>> handled = Arrays.stream(Proposal.class.getDeclaredMethods())
                                       .filter(method -> method.isAnnotationPresent(EventSourcingHandler.class))
                                       .map(method -> method.getParameterTypes()[0]).toList();

        assertThat(handled).containsExactlyInAnyOrder(ProposalEvent.class.getPermittedSubclasses());
    }

    /** No silent skip: a handler that forgot the lifecycle would leave the proposal elsewhere than it says. */
    @Test
    void afterEveryTypeOfEventFromEveryStageTheProposalStandsWhereTheLifecycleSays() throws Exception {
        List<ProposalEvent> samples = EventSamples.of(ProposalEvent.class);
        assertThat(samples).extracting(Object::getClass)
                           .containsExactlyInAnyOrder(ProposalEvent.class.getPermittedSubclasses());
        for (List<ProposalEvent> toStage : EVERY_STAGE) {
            for (ProposalEvent sample : samples) {
                List<ProposalEvent> events = new ArrayList<>(toStage);
                events.add(sample);
                Proposal proposal = new Proposal();
                Stage expected = null;
                for (ProposalEvent event : events) {
                    source(proposal, event);
                    expected = expected == null ? ProposalLifecycle.submitted() : expected.after(event);
                }

                ProposalState state = proposal.state();

                assertThat(new Stage(state.status(), state.outcome()))
                        .as("%s after %s", sample.getClass().getSimpleName(), names(toStage)).isEqualTo(expected);
            }
        }
    }

    private static List<String> names(List<ProposalEvent> events) {
        return events.stream().map(event -> event.getClass().getSimpleName()).toList();
    }

    private static void source(Proposal proposal, ProposalEvent event) throws Exception {
        Method handler = Proposal.class.getDeclaredMethod("on", event.getClass());
        assertThat(handler.isAnnotationPresent(EventSourcingHandler.class)).as("%s", handler).isTrue();
        handler.setAccessible(true);
        try {
            handler.invoke(proposal, event);
        } catch (InvocationTargetException e) {
            throw new AssertionError(event.getClass().getSimpleName() + " could not be sourced", e.getCause());
        }
    }
}
