package org.consensusledger.dossier;

import org.consensusledger.dossier.DossierView.ObjectionView;
import org.consensusledger.dossier.DossierView.Organisation;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.record.RecordCorrected;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The fold and the published view that the query side and the verifier share. */
class DossierViewTest {

    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");

    private DossierDocument dossier;
    private long position;

    private void apply(ProposalEvent event, Instant recordedAt) {
        position += 10;
        dossier = DossierFold.evolve(dossier, event, DossierFold.step(event, position, position / 10 - 1, recordedAt,
                                                                      null, null, "event-" + position), null)
                             .at(position);
    }

    private void recordThreeSteps() {
        apply(new ProposalSubmitted("p-1", "b-1", "org-a", "Open data", "line one\nline two\n", "sha-1", "m-1", T0),
              T0.plusSeconds(1));
        apply(new ObjectionRaised("p-1", "b-1", "o-1", "org-b", StakeholderGroup.CIVIL_SOCIETY, 1, "too vague", "m-1",
                                  T0.plusSeconds(60)), T0.plusSeconds(61));
        apply(new ProposalRevised("p-1", "b-1", 2, "line one\nline 2\n", "sha-2", "clearer", "org-a", "m-1",
                                  T0.plusSeconds(120)), T0.plusSeconds(121));
    }

    @Test
    void aViewShowsEachVersionsDiffTheNamesItMentionsAndHowLongAPendingObjectionHasWaited() {
        recordThreeSteps();

        DossierView view = DossierView.of(dossier, Map.of("org-a", new Organisation("Alpha", null),
                                                          "org-b", new Organisation("Beta", StakeholderGroup.ACADEMIA),
                                                          "org-z", new Organisation("Zeta", null)),
                                          T0.plusSeconds(3600), DossierViewTest::diff);

        assertThat(view.asOfPosition()).isEqualTo(30);
        assertThat(view.currentText()).isEqualTo("line one\nline 2\n");
        assertThat(view.versions().get(0).diffFromPrevious()).isEmpty();
        assertThat(view.versions().get(1).diffFromPrevious())
                .containsExactly("--- version 1", "+++ version 2", "@@ -1,3 +1,3 @@", " line one", "-line two",
                                 "+line 2", " ");
        assertThat(view.organisationNames()).containsExactly(Map.entry("org-a", "Alpha"), Map.entry("org-b", "Beta"));
        assertThat(view.organisationGroups()).containsExactly(Map.entry("org-b", StakeholderGroup.ACADEMIA));
        ObjectionView objection = view.objections().get(0);
        assertThat(objection.organisationName()).isEqualTo("Beta");
        assertThat(objection.pending()).isTrue();
        assertThat(objection.waited()).isEqualTo(Duration.ofSeconds(3540));
        assertThat(view.anyPending()).isTrue();
        assertThat(dossier.timeline()).extracting(DossierDocument.Step::type)
                                      .containsExactly("ProposalSubmitted", "ObjectionRaised", "ProposalRevised");
    }

    @Test
    void anAddressedObjectionWaitedUntilItsDispositionAndCorrectionsShowAsOfWhenTheyWereRecorded() {
        recordThreeSteps();
        apply(new ObjectionAddressed("p-1", "b-1", "o-1", Disposition.ACCOMMODATED, 2, "now precise", "org-a", "m-1",
                                     T0.plusSeconds(600)), T0.plusSeconds(601));
        DossierDocument corrected = DossierFold.corrected(dossier, new RecordCorrected(
                "c-1", "p-1", 1L, "event-20", "ObjectionRaised", "b-1", "wrong group", "academia", "org-a",
                T0.plusSeconds(900)), T0.plusSeconds(901), 99, null, "org-a");

        DossierView view = DossierView.of(corrected, Map.of(), T0.plusSeconds(99_999), DossierViewTest::diff);

        assertThat(view.anyPending()).isFalse();
        assertThat(view.objections().get(0).waited()).isEqualTo(Duration.ofSeconds(540));
        assertThat(view.objections().get(0).objection().disposition()).isEqualTo(Disposition.ACCOMMODATED);
        assertThat(view.organisationNames()).isEmpty();
        assertThat(view.corrections()).singleElement().satisfies(correction -> {
            assertThat(correction.correctedSequenceNumber()).isEqualTo(1);
            assertThat(correction.corrects()).isEqualTo("ObjectionRaised");
            assertThat(correction.correctedOccurredAt()).isEqualTo(T0.plusSeconds(60));
            assertThat(correction.recordedAs()).isEqualTo(Recorders.ACTING_FOR);
        });
        assertThat(DossierFold.withCorrectionsRecordedBy(dossier, corrected.corrections(), T0.plusSeconds(900))
                              .corrections()).isEmpty();
        assertThat(DossierFold.withCorrectionsRecordedBy(dossier, corrected.corrections(), T0.plusSeconds(901))
                              .corrections()).hasSize(1);
    }

    private static List<String> diff(String proposalId, DossierDocument.Version previous,
                                     DossierDocument.Version next) {
        return DossierView.unifiedDiff(previous, next);
    }
}
