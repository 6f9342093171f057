package org.consensusledger.query.dossier;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The change from one version of a text to the next as people read it: the new text's words in order, with the
 * words removed and the words added marked where they were, rather than a programmer's unified diff of lines (which
 * the JSON API keeps). Words, runs of spaces and line breaks, and single signs are compared as units, so a changed
 * word is shown removed then added, and the rest of its line stays as it was.
 */
public final class ReadableDiff {

    /** A word (letters, marks, digits, with inner apostrophes and hyphens), a run of white space, or one sign. */
    private static final Pattern UNIT = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['’-][\\p{L}\\p{M}\\p{N}]+)*|\\s+|.",
                                                        Pattern.DOTALL);

    private ReadableDiff() {
    }

    /** What a piece of the text is: unchanged, only in the version before, or only in the version after. */
    public enum Change { SAME, REMOVED, ADDED }

    /** A run of text with one change; joined in order, the SAME and ADDED pieces make the text after. */
    public record Piece(Change change, String text) {

        public boolean removed() {
            return change == Change.REMOVED;
        }

        public boolean added() {
            return change == Change.ADDED;
        }
    }

    /**
     * The pieces from {@code before} to {@code after}: removed words before the words added in their place. Two
     * changes with only white space between them are shown as one, so that a rewritten phrase reads as the phrase
     * removed and the phrase added, not word by word in turn.
     */
    public static List<Piece> between(String before, String after) {
        List<String> old = units(before);
        List<String> now = units(after);
        List<String[]> segments = new ArrayList<>(); // {same} or {removed, added}
        int at = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(old, now).getDeltas()) {
            int from = delta.getSource().getPosition();
            String same = String.join("", old.subList(at, from));
            String removed = String.join("", delta.getSource().getLines());
            String added = String.join("", delta.getTarget().getLines());
            String[] last = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (last != null && last.length == 2 && same.isBlank()) {
                last[0] = last[0] + same + removed;
                last[1] = last[1] + same + added;
            } else {
                if (!same.isEmpty()) {
                    segments.add(new String[] {same});
                }
                segments.add(new String[] {removed, added});
            }
            at = from + delta.getSource().size();
        }
        if (at < old.size()) {
            segments.add(new String[] {String.join("", old.subList(at, old.size()))});
        }
        List<Piece> pieces = new ArrayList<>();
        for (String[] segment : segments) {
            if (segment.length == 1) {
                pieces.add(new Piece(Change.SAME, segment[0]));
            } else {
                if (!segment[0].isEmpty()) {
                    pieces.add(new Piece(Change.REMOVED, segment[0]));
                }
                if (!segment[1].isEmpty()) {
                    pieces.add(new Piece(Change.ADDED, segment[1]));
                }
            }
        }
        return List.copyOf(pieces);
    }

    /** Whether anything was removed or added. */
    public static boolean changes(List<Piece> pieces) {
        return pieces.stream().anyMatch(piece -> piece.change() != Change.SAME);
    }

    private static List<String> units(String text) {
        List<String> units = new ArrayList<>();
        Matcher unit = UNIT.matcher(text == null ? "" : text);
        while (unit.find()) {
            units.add(unit.group());
        }
        return units;
    }
}
