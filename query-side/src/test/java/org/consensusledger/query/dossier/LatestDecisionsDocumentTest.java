package org.consensusledger.query.dossier;

import org.consensusledger.query.dossier.LatestDecisionsDocument.Decision;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How a body's list of latest decisions changes with each decision made, set aside or moved on. */
class LatestDecisionsDocumentTest {

    private static final Instant T0 = Instant.parse("2026-03-04T09:00:00Z");

    private static Decision decided(int n) {
        return new Decision("p" + n, T0.plusSeconds(n), n);
    }

    private static LatestDecisionsDocument withDecisions(int count) {
        LatestDecisionsDocument document = LatestDecisionsDocument.none("body");
        for (int n = 1; n <= count; n++) {
            document = document.changed(null, decided(n));
        }
        return document;
    }

    @Test
    void keepsTheLatestDecisionsFirstAndCountsTheOthers() {
        LatestDecisionsDocument document = withDecisions(LatestDecisionsDocument.KEPT + 5);

        assertThat(document.decided()).isEqualTo(LatestDecisionsDocument.KEPT + 5);
        assertThat(document.latest()).hasSize(LatestDecisionsDocument.KEPT);
        assertThat(document.latest().get(0).proposalId()).isEqualTo("p" + (LatestDecisionsDocument.KEPT + 5));
        assertThat(document.latest()).isSortedAccordingTo(LatestDecisionsDocument.LATEST_FIRST);
        assertThat(document.holdsLatest(10)).isTrue();
    }

    @Test
    void aDecisionSetAsideLeavesTheListAndOneOlderThanEveryListedOneIsOnlyCounted() {
        LatestDecisionsDocument document = withDecisions(LatestDecisionsDocument.KEPT + 1); // p1 unlisted

        LatestDecisionsDocument setAside = document.changed(decided(21), null);
        LatestDecisionsDocument unlistedSetAside = document.changed(decided(1), null);
        LatestDecisionsDocument older = document.changed(null, new Decision("old", T0, 0));

        assertThat(setAside.latest()).extracting(Decision::proposalId).doesNotContain("p21", "p1").hasSize(19);
        assertThat(setAside.holdsLatest(10)).isTrue();
        assertThat(setAside.decided()).isEqualTo(LatestDecisionsDocument.KEPT);
        assertThat(unlistedSetAside.latest()).isEqualTo(document.latest());
        assertThat(unlistedSetAside.decided()).isEqualTo(LatestDecisionsDocument.KEPT);
        assertThat(older.latest()).isEqualTo(document.latest());
        assertThat(older.decided()).isEqualTo(LatestDecisionsDocument.KEPT + 2);
    }

    @Test
    void aListThatLostMoreThanItCanSpareSaysSo() {
        LatestDecisionsDocument document = withDecisions(LatestDecisionsDocument.KEPT + 5);
        for (int n = LatestDecisionsDocument.KEPT + 5; n > 14; n--) {
            document = document.changed(decided(n), null);
        }

        assertThat(document.latest()).hasSize(9);
        assertThat(document.decided()).isEqualTo(14);
        assertThat(document.holdsLatest(10)).isFalse();
        assertThat(document.holdsLatest(9)).isTrue();
    }

    @Test
    void aDecisionThatTakesAnotherEventMovesWithIt() {
        LatestDecisionsDocument document = withDecisions(3);

        LatestDecisionsDocument moved = document.changed(decided(2), new Decision("p2", T0.plusSeconds(2), 99));

        assertThat(moved.latest()).extracting(Decision::position).containsExactly(3L, 99L, 1L);
        assertThat(moved.decided()).isEqualTo(3);
    }
}
