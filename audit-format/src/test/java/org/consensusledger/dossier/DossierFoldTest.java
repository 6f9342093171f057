package org.consensusledger.dossier;

import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.EventSamples;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernAnswered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold has a rule for every proposal event, and shows the steps issue 18 added as they happened. */
class DossierFoldTest {

    private static final Instant T0 = Instant.parse("2026-03-04T09:00:00Z");

    private DossierDocument dossier;
    private long position;

    private void apply(ProposalEvent event, String recordedAs, String actingFor, Composition composition) {
        position++;
        dossier = DossierFold.evolve(dossier, event, DossierFold.step(event, position, position - 1,
                                                                      T0.plusSeconds(position), recordedAs, actingFor,
                                                                      "event-" + position), composition)
                             .at(position);
    }

    private void apply(ProposalEvent event) {
        apply(event, Recorders.CO_CHAIR, "gov", null);
    }

    @Test
    void everyTypeOfProposalEventHasARuleAndAddsItsStep() throws Exception {
        assertThat(DossierFold.handledTypes().stream().map(Class::getName))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(ProposalEvent.class.getPermittedSubclasses())
                                                           .map(Class::getName).toList());
        for (Class<?> type : ProposalEvent.class.getPermittedSubclasses()) {
            dossier = null;
            position = 0;
            apply(new ProposalSubmitted("p", "b", "org", "Title", "Text", "sha", null, T0));
            ProposalEvent event = sample(type);

            apply(event);

            // a submission starts a dossier afresh; every other event adds its step to the one there
            assertThat(dossier.timeline()).as(type.getSimpleName()).hasSize(type == ProposalSubmitted.class ? 1 : 2);
            assertThat(dossier.timeline().get(dossier.timeline().size() - 1).type()).isEqualTo(type.getSimpleName());
            assertThat(DossierFold.memberOf(event)).as(type.getSimpleName()).isEqualTo("x");
        }
    }

    /**
     * No silent skip: one sample of every type of proposal event, in turn, through the dossier fold (which refuses a
     * type without a rule); after each, the dossier's status is the lifecycle's.
     */
    @Test
    void theDossierFoldsEveryTypeOfProposalEventAndItsStatusIsTheLifecycles() {
        List<ProposalEvent> samples = EventSamples.of(ProposalEvent.class);
        assertThat(samples).extracting(Object::getClass)
                           .containsExactlyInAnyOrder(ProposalEvent.class.getPermittedSubclasses());
        ProposalLifecycle.Stage stage = null;
        for (ProposalEvent sample : samples) {
            stage = stage == null ? ProposalLifecycle.submitted() : stage.after(sample);

            apply(sample);

            assertThat(dossier.status()).as(sample.getClass().getSimpleName()).isEqualTo(stage.status());
            assertThat(dossier.timeline().get(dossier.timeline().size() - 1).type())
                    .isEqualTo(sample.getClass().getSimpleName());
        }
        assertThat(dossier.timeline()).hasSize(samples.size());
    }

    /** No silent skip in the membership an outcome's composition is computed from: a rule for every body event. */
    @Test
    void theMembershipFoldsEveryTypeOfBodyEvent() {
        List<BodyEvent> samples = EventSamples.of(BodyEvent.class);
        assertThat(samples).extracting(Object::getClass)
                           .containsExactlyInAnyOrder(BodyEvent.class.getPermittedSubclasses());
        Membership established = Membership.evolve(null, new BodyEstablished("b", "Data", BodyKind.PLENARY, null,
                                                                             "Draft"));
        for (BodyEvent sample : samples) {
            assertThat(Membership.evolve(established, sample)).as(sample.getClass().getSimpleName()).isNotNull();
        }
    }

    /** An event of this type with a plain value in every field. */
    private static ProposalEvent sample(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            Class<?> field = components[i].getType();
            types[i] = field;
            values[i] = field == String.class ? components[i].getName().equals("proposalId") ? "p" : "x"
                    : field == int.class || field == Integer.class ? 1
                    : field == long.class ? 1L
                    : field == Instant.class ? T0
                    : field == List.class ? List.of()
                    : field.isEnum() ? field.getEnumConstants()[0]
                    : null;
        }
        Constructor<?> constructor = type.getDeclaredConstructor(types);
        return (ProposalEvent) constructor.newInstance(values);
    }

    @Test
    void aCallEndedEarlyIsShownWithItsCallByWhomAndWhyAndTheProposalIsOpenAgain() {
        apply(new ProposalSubmitted("p", "b", "cso", "Title", "Text", "sha", null, T0));
        apply(new ConsensusCallOpened("p", "b", 1, T0.plusSeconds(86_400 * 14), "gov", "m", T0));
        assertThat(dossier.status()).isEqualTo(ProposalStatus.CALL_OPEN);

        apply(new ConsensusCallEnded("p", "b", null, "Every member has spoken", "m", T0.plusSeconds(60)),
              Recorders.SECRETARIAT, null, null);

        assertThat(dossier.status()).isEqualTo(ProposalStatus.OPEN);
        assertThat(dossier.consensusCalls()).singleElement().satisfies(call -> {
            assertThat(call.ended().reasons()).isEqualTo("Every member has spoken");
            assertThat(call.ended().endedBy()).isNull();
            assertThat(call.ended().recorded().recordedAs()).isEqualTo(Recorders.SECRETARIAT);
        });
        assertThat(dossier.timeline().get(2).by()).isNull();
    }

    @Test
    void answersSitBesideTheirConcernInOrder() {
        apply(new ProposalSubmitted("p", "b", "cso", "Title", "Text", "sha", null, T0));
        apply(new ConcernRaised("p", "b", "c1", "biz", StakeholderGroup.PRIVATE_SECTOR, 1, "Cost?", null, T0));
        apply(new ConcernRaised("p", "b", "c2", "gov", StakeholderGroup.GOVERNMENT, 1, "Law?", null, T0));

        apply(new ConcernAnswered("p", "b", "c1", "Paid by the fund", "cso", "m", T0), Recorders.DELEGATE, "cso",
              null);
        apply(new ConcernAnswered("p", "b", "c1", "And reviewed yearly", "gov", "m", T0));

        assertThat(dossier.contributions().get(0).answers()).extracting(DossierDocument.Answer::answer)
                                                             .containsExactly("Paid by the fund",
                                                                              "And reviewed yearly");
        assertThat(dossier.contributions().get(0).answers().get(0).recorded().actingFor()).isEqualTo("cso");
        assertThat(dossier.contributions().get(1).answers()).isEmpty();
        assertThat(dossier.timeline().get(3).by()).isEqualTo("cso");
    }

    @Test
    void aReconsideredDispositionFollowsTheFirstWithItsAppealAndTheFirstStays() {
        apply(new ProposalSubmitted("p", "b", "cso", "Title", "Text", "sha", null, T0));
        apply(new ObjectionRaised("p", "b", "o1", "biz", StakeholderGroup.PRIVATE_SECTOR, 1, "Vague", null, T0));
        apply(new ObjectionAddressed("p", "b", "o1", Disposition.NOT_ACCOMMODATED, null, "No", "gov", null,
                                     T0.plusSeconds(60)));
        apply(new RoughConsensusDeclared("p", "b", 1, "sha", "Agreed", List.of(), List.of(), "gov", null, T0));
        apply(new AppealLodged("p", "b", "a1", "biz", "Not heard", null, T0));
        apply(new AppealDecided("p", "b", "a1", AppealDecision.UPHELD, "Not heard indeed", "cso", null, T0));

        apply(new ObjectionReconsidered("p", "b", "o1", Disposition.NOT_ACCOMMODATED, null,
                                        "Heard now: national law is left to each member", "cso", "a1", null,
                                        T0.plusSeconds(600)));

        Objection objection = dossier.objections().get(0);
        assertThat(objection.disposition()).isEqualTo(Disposition.NOT_ACCOMMODATED);
        assertThat(objection.reasons()).isEqualTo("No");
        assertThat(objection.addressedRecorded().sequenceNumber()).isEqualTo(2);
        assertThat(objection.reconsidered()).singleElement().satisfies(again -> {
            assertThat(again.appealId()).isEqualTo("a1");
            assertThat(again.reasons()).startsWith("Heard now");
            assertThat(again.reconsideredBy()).isEqualTo("cso");
        });
        assertThat(dossier.outcomes().get(0).setAsideBy()).isEqualTo("a1");
        assertThat(dossier.status()).isEqualTo(ProposalStatus.OPEN);
    }

    @Test
    void anOutcomeRecordsTheCompositionAsItStoodWhenItWasDeclared() {
        Membership membership = null;
        for (BodyEvent event : List.<BodyEvent>of(
                new BodyEstablished("b", "Data", BodyKind.WORKING_GROUP, "plenary", "Draft"),
                new MemberAdmitted("b", "gov", StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT, null, null),
                new MemberAdmitted("b", "cso", StakeholderGroup.CIVIL_SOCIETY, AdmissionPath.BY_SECRETARIAT, null,
                                   null),
                new CoChairAppointed("b", "gov"), new CoChairAppointed("b", "cso"))) {
            membership = Membership.evolve(membership, event);
        }
        apply(new ProposalSubmitted("p", "b", "cso", "Title", "Text", "sha", null, T0));

        apply(new RoughConsensusDeclared("p", "b", 1, "sha", "Agreed", List.of(), List.of(), "gov", null, T0),
              Recorders.CO_CHAIR, "gov", membership.composition());

        assertThat(dossier.outcomes().get(0).composition())
                .isEqualTo(new Composition(true, true, true, false, false));
        assertThat(Composition.of(BodyKind.PLENARY, Map.of(), List.of()).met()).isTrue();
    }

    @Test
    void stepsRecordedBeforeRolesWereKeptAreTheSecretariatsOrADelegateFor() {
        assertThat(Recorders.role(null, null)).isEqualTo(Recorders.SECRETARIAT);
        assertThat(Recorders.role(null, "gov")).isEqualTo(Recorders.ACTING_FOR);
        assertThat(Recorders.role(Recorders.CO_CHAIR, "gov")).isEqualTo(Recorders.CO_CHAIR);
    }
}
