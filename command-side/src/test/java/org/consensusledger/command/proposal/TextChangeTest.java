package org.consensusledger.command.proposal;

import org.consensusledger.command.proposal.TextChange.Part;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.proposal.TextChange.Kind.ADDED;
import static org.consensusledger.command.proposal.TextChange.Kind.REMOVED;
import static org.consensusledger.command.proposal.TextChange.Kind.SAME;

class TextChangeTest {

    @Test
    void aRevisionReadsAsTheWordsThatStayAreRemovedAndAreAddedInOrder() {
        List<Part> parts = TextChange.between("Members collect the data they need.",
                                              "Members collect only the data they need, and delete it.");

        assertThat(parts).containsExactly(new Part(SAME, "Members collect "), new Part(ADDED, "only "),
                                          new Part(SAME, "the data they "), new Part(REMOVED, "need."),
                                          new Part(ADDED, "need, and delete it."));
    }

    @Test
    void joinedWithoutTheRemovedPartsTheyAreTheNewTextAndWithoutTheAddedOnesTheOld() {
        String before = "One line.\n\nA second   paragraph, with  spaces.";
        String after = "One line, longer.\n\nA second paragraph.\nAnd a third.";
        List<Part> parts = TextChange.between(before, after);

        assertThat(join(parts, REMOVED)).isEqualTo(after);
        assertThat(join(parts, ADDED)).isEqualTo(before);
    }

    @Test
    void anUnchangedOrEmptyTextIsOnePartOrNone() {
        assertThat(TextChange.between("Same.", "Same.")).containsExactly(new Part(SAME, "Same."));
        assertThat(TextChange.between("", "")).isEmpty();
        assertThat(TextChange.between(null, "New.")).containsExactly(new Part(ADDED, "New."));
    }

    private static String join(List<Part> parts, TextChange.Kind leftOut) {
        StringBuilder text = new StringBuilder();
        parts.stream().filter(part -> part.kind() != leftOut).forEach(part -> text.append(part.text()));
        return text.toString();
    }
}
