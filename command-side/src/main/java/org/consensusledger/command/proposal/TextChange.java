package org.consensusledger.command.proposal;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.Patch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one version of a proposal's text changed from the one before, word by word, for people rather than programs:
 * parts of the text that stay, are removed or are added, in reading order (the console's projector view shows them
 * inline, marked in words and not by colour alone). Whitespace is kept as written, so the parts read as the text.
 *
 * @param fromVersion the version compared from (the same as {@code toVersion} for the first version: nothing changed)
 */
record TextChange(String proposalId, int fromVersion, int toVersion, List<Part> parts) {

    enum Kind { SAME, REMOVED, ADDED }

    record Part(Kind kind, String text) {
    }

    /** The parts that turn {@code before} into {@code after}. */
    static List<Part> between(String before, String after) {
        List<String> from = words(before);
        List<String> to = words(after);
        Patch<String> patch = DiffUtils.diff(from, to);
        List<Part> parts = new ArrayList<>();
        int position = 0;
        for (AbstractDelta<String> delta : patch.getDeltas()) {
            int at = delta.getSource().getPosition();
            add(parts, Kind.SAME, from.subList(position, at));
            add(parts, Kind.REMOVED, delta.getSource().getLines());
            add(parts, Kind.ADDED, delta.getTarget().getLines());
            position = at + delta.getSource().size();
        }
        add(parts, Kind.SAME, from.subList(position, from.size()));
        return List.copyOf(parts);
    }

    /** Words and the whitespace between them, in order, so that joined again they are the text. */
    private static List<String> words(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        return Arrays.asList(text.split("(?<=\\s)(?=\\S)|(?<=\\S)(?=\\s)"));
    }

    private static void add(List<Part> parts, Kind kind, List<String> tokens) {
        if (tokens.isEmpty()) {
            return;
        }
        String joined = String.join("", tokens);
        int last = parts.size() - 1;
        if (last >= 0 && parts.get(last).kind() == kind) {
            parts.set(last, new Part(kind, parts.get(last).text() + joined));
        } else {
            parts.add(new Part(kind, joined));
        }
    }
}
