package org.consensusledger.query.dossier;

import org.consensusledger.query.dossier.ReadableDiff.Change;
import org.consensusledger.query.dossier.ReadableDiff.Piece;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The word diff a reader sees on a dossier: words removed and added where they were, the rest as it was. */
class ReadableDiffTest {

    @Test
    void wordsAddedInsideALineAreMarkedAndTheRestOfTheLineIsUnchanged() {
        List<Piece> pieces = ReadableDiff.between("Publish data.\nKeep it current.",
                                                  "Publish data without personal data.\nKeep it current.");

        assertThat(pieces).containsExactly(new Piece(Change.SAME, "Publish data"),
                                           new Piece(Change.ADDED, " without personal data"),
                                           new Piece(Change.SAME, ".\nKeep it current."));
    }

    @Test
    void aChangedWordIsShownRemovedThenAdded() {
        assertThat(ReadableDiff.between("Keep it for ten years.", "Keep it for five years."))
                .containsExactly(new Piece(Change.SAME, "Keep it for "), new Piece(Change.REMOVED, "ten"),
                                 new Piece(Change.ADDED, "five"), new Piece(Change.SAME, " years."));
    }

    @Test
    void aRewrittenPhraseReadsAsOnePhraseRemovedAndOneAdded() {
        assertThat(ReadableDiff.between("Data is kept by the ministry alone.",
                                        "Data is shared with every member now."))
                .containsExactly(new Piece(Change.SAME, "Data is "),
                                 new Piece(Change.REMOVED, "kept by the ministry alone"),
                                 new Piece(Change.ADDED, "shared with every member now"),
                                 new Piece(Change.SAME, "."));
    }

    @Test
    void theTextsBeforeAndAfterCanBeReadBackFromThePieces() {
        String before = "Collect only the data a purpose needs.\nKeep it no longer than that purpose needs.";
        String after = "Collect only the data a purpose needs (and say which).\n"
                + "Keep it no longer than that purpose needs, except research data under ethics review.\n"
                + "Réviser chaque année — l’accès reste ouvert. 🙂";

        List<Piece> pieces = ReadableDiff.between(before, after);

        assertThat(pieces.stream().filter(piece -> !piece.added()).map(Piece::text).collect(Collectors.joining()))
                .isEqualTo(before);
        assertThat(pieces.stream().filter(piece -> !piece.removed()).map(Piece::text).collect(Collectors.joining()))
                .isEqualTo(after);
        assertThat(ReadableDiff.changes(pieces)).isTrue();
    }

    @Test
    void anUnchangedTextHasNoChangeAndAnEmptyOneNoPiece() {
        assertThat(ReadableDiff.between("Same words.", "Same words."))
                .containsExactly(new Piece(Change.SAME, "Same words."));
        assertThat(ReadableDiff.changes(ReadableDiff.between("Same words.", "Same words."))).isFalse();
        assertThat(ReadableDiff.between("", "")).isEmpty();
    }
}
