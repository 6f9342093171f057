package org.consensusledger.dossier;

import org.consensusledger.dossier.DossierDocument.Recorded;
import org.consensusledger.dossier.DossierDocument.Step;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernAnswered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * For every type of {@link ProposalEvent}: how it changes a dossier (all but its status, which is the
 * {@linkplain org.consensusledger.events.proposal.ProposalLifecycle lifecycle}'s) and whose act it is. Java 17 has no
 * exhaustive switch over a sealed interface's records, so the table is checked against the interface's permitted
 * types when the class loads: a new event type without its rule fails every test that folds a dossier, instead of
 * being passed over by the public record and the verifier alike.
 */
final class ProposalSteps {

    /** What a rule needs beside the event: its step, and the body's composition when it was recorded. */
    record At(Step step, Composition composition) {

        Instant recordedAt() {
            return step.recordedAt();
        }

        Recorded recorded() {
            return step.recorded();
        }
    }

    @FunctionalInterface
    private interface Rule<E extends ProposalEvent> {
        DossierDocument apply(DossierDocument dossier, E event, At at);
    }

    private record Entry<E extends ProposalEvent>(Rule<E> rule, Function<E, String> member) {
    }

    private static final Map<Class<? extends ProposalEvent>, Entry<?>> RULES = new HashMap<>();

    static {
        rule(ProposalSubmitted.class, (dossier, event, at) -> dossier, ProposalSubmitted::proposedBy);
        rule(ProposalRevised.class, DossierFold::revised, ProposalRevised::revisedBy);
        rule(ConsensusCallOpened.class, DossierFold::callOpened, ConsensusCallOpened::openedBy);
        rule(ConsensusCallEnded.class, DossierFold::callEnded, ConsensusCallEnded::endedBy);
        rule(SupportExpressed.class, DossierFold::support, SupportExpressed::organisationId);
        rule(StandAsideRecorded.class, DossierFold::standAside, StandAsideRecorded::organisationId);
        rule(ConcernRaised.class, DossierFold::concern, ConcernRaised::organisationId);
        rule(ConcernAnswered.class, DossierFold::answered, ConcernAnswered::answeredBy);
        rule(ObjectionRaised.class, DossierFold::objection, ObjectionRaised::organisationId);
        rule(ObjectionAddressed.class, DossierFold::addressed, ObjectionAddressed::addressedBy);
        rule(ObjectionReconsidered.class, DossierFold::reconsidered, ObjectionReconsidered::reconsideredBy);
        rule(ObjectionWithdrawn.class, DossierFold::withdrawn, ObjectionWithdrawn::organisationId);
        rule(RoughConsensusDeclared.class, DossierFold::declared, RoughConsensusDeclared::declaredBy);
        rule(ConsensusNotReached.class, DossierFold::notReached, ConsensusNotReached::declaredBy);
        rule(ProposalDeferred.class, DossierFold::deferred, ProposalDeferred::declaredBy);
        rule(ProposalReopened.class, (dossier, event, at) -> dossier, ProposalReopened::reopenedBy);
        rule(ProposalWithdrawn.class, (dossier, event, at) -> dossier, ProposalWithdrawn::withdrawnBy);
        rule(AppealLodged.class, DossierFold::lodged, AppealLodged::appellant);
        rule(AppealDecided.class, DossierFold::appealDecided, AppealDecided::decidedBy);
        Set<Class<?>> missing = Arrays.stream(ProposalEvent.class.getPermittedSubclasses())
                                      .filter(type -> !RULES.containsKey(type)).collect(Collectors.toSet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("The dossier fold has no rule for " + missing);
        }
    }

    private ProposalSteps() {
    }

    private static <E extends ProposalEvent> void rule(Class<E> type, Rule<E> rule, Function<E, String> member) {
        RULES.put(type, new Entry<>(rule, member));
    }

    static DossierDocument apply(DossierDocument dossier, ProposalEvent event, At at) {
        return entry(event).rule().apply(dossier, event, at);
    }

    static String memberOf(ProposalEvent event) {
        return entry(event).member().apply(event);
    }

    static Set<Class<? extends ProposalEvent>> handledTypes() {
        return Set.copyOf(RULES.keySet());
    }

    @SuppressWarnings("unchecked")
    private static <E extends ProposalEvent> Entry<E> entry(E event) {
        Entry<E> entry = (Entry<E>) RULES.get(event.getClass());
        if (entry == null) {
            throw new IllegalStateException("The dossier fold has no rule for " + event.getClass().getName());
        }
        return entry;
    }
}
