package org.consensusledger.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierFold;
import org.consensusledger.dossier.Recorders;
import org.consensusledger.events.EventSamples;
import org.consensusledger.events.proposal.ProposalEvent;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No projection passes over a type of event unseen. Each takes every type of each family of events it handles (a
 * sealed interface of the published language): by a handler of the type's own, or by a handler of the whole family,
 * which then goes through a fold that names every type and refuses any other — tested with a sample of each type.
 */
class EveryEventIsProjectedTest {

    /**
     * The projections that handle a family of events as a whole, and the test that puts a sample of every type of it
     * through their fold. A new one fails {@link #everyFamilyHandledAsAWholeIsFoldedInATest} until it is added here.
     */
    private static final Map<String, String> FOLDED_IN = Map.of(
            "BodyProjection BodyEvent", "org.consensusledger.query.body.BodyFoldsTest",
            "BodyProjection MeetingEvent", "org.consensusledger.query.body.BodyFoldsTest",
            "BodyProjection ProposalEvent", "org.consensusledger.query.body.BodyFoldsTest",
            "MeetingProjection ProposalEvent", "org.consensusledger.query.meeting.MinutesFoldTest",
            "DossierProjection ProposalEvent", EveryEventIsProjectedTest.class.getName());

    @Test
    void everyProjectionHandlesEveryTypeOfEachFamilyOfEventsItHandles() {
        List<String> missing = new ArrayList<>();
        for (Class<?> projection : projections()) {
            Set<Class<?>> handled = handledTypes(projection);
            Set<Class<?>> families = new HashSet<>();
            handled.forEach(type -> families.add(family(type)));
            for (Class<?> family : families) {
                for (Class<?> member : family.getPermittedSubclasses()) {
                    if (!handled.contains(member) && !handled.contains(family)) {
                        missing.add(projection.getSimpleName() + " handles " + family.getSimpleName() + "s but not "
                                            + member.getSimpleName());
                    }
                }
            }
        }

        assertThat(projections()).extracting(Class::getSimpleName)
                                 .contains("BodyProjection", "DossierProjection", "MeetingProjection",
                                           "OrganisationProjection");
        assertThat(missing).isEmpty();
    }

    @Test
    void everyFamilyHandledAsAWholeIsFoldedInATest() throws ClassNotFoundException {
        Set<String> wholes = new TreeSet<>();
        for (Class<?> projection : projections()) {
            handledTypes(projection).stream().filter(EveryEventIsProjectedTest::isFamily)
                                    .forEach(family -> wholes.add(projection.getSimpleName() + " "
                                                                          + family.getSimpleName()));
        }

        assertThat(wholes).containsExactlyInAnyOrderElementsOf(FOLDED_IN.keySet());
        for (String test : new HashSet<>(FOLDED_IN.values())) {
            assertThat(Class.forName(test)).isNotNull();
        }
    }

    /** DossierProjection's fold is the dossier fold of the audit format: every type of proposal event goes through. */
    @Test
    void theDossierProjectionFoldsEveryTypeOfProposalEvent() {
        List<ProposalEvent> samples = EventSamples.of(ProposalEvent.class);
        assertThat(samples).extracting(Object::getClass)
                           .containsExactlyInAnyOrder(ProposalEvent.class.getPermittedSubclasses());
        DossierDocument dossier = null;
        long position = 0;
        for (ProposalEvent sample : samples) {
            position++;
            dossier = DossierFold.evolve(dossier, sample, DossierFold.step(
                    sample, position, position - 1, Instant.EPOCH.plusSeconds(position), Recorders.SECRETARIAT, null,
                    "event-" + position), null).at(position);
        }

        assertThat(dossier.timeline()).hasSize(samples.size());
    }

    private static List<Class<?>> projections() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ProcessingGroup.class));
        List<Class<?>> projections = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.consensusledger.query")) {
            try {
                projections.add(Class.forName(candidate.getBeanClassName()));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        // the application's projections, not the tests' own (a poisoned one, for instance)
        projections.removeIf(type -> type.getProtectionDomain().getCodeSource().getLocation().equals(
                EveryEventIsProjectedTest.class.getProtectionDomain().getCodeSource().getLocation()));
        return projections;
    }

    private static Set<Class<?>> handledTypes(Class<?> projection) {
        Set<Class<?>> handled = new HashSet<>();
        Arrays.stream(projection.getDeclaredMethods()).filter(method -> method.isAnnotationPresent(EventHandler.class))
              .forEach(method -> handled.add(method.getParameterTypes()[0]));
        return handled;
    }

    private static boolean isFamily(Class<?> type) {
        return type.isInterface() && type.isSealed();
    }

    /** The sealed interface of the published language a type of event belongs to (itself, if it is one). */
    private static Class<?> family(Class<?> type) {
        if (isFamily(type)) {
            return type;
        }
        return Arrays.stream(type.getInterfaces()).filter(EveryEventIsProjectedTest::isFamily).findFirst()
                     .orElseThrow(() -> new AssertionError(type + " is not an event of the published language"));
    }
}
