package org.consensusledger.query.selfcheck;

import org.consensusledger.dossier.Positioned;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One stored read-model document against the one derived again from the log, compared only where the comparison is
 * fair: at the same position they must be equal; a stored one behind the derived one, or missing, is wrong only once
 * its processor has passed that position (the processors' positions are read before the documents, and a document is
 * always stored before its processor's position moves past it); one ahead may hold events read after the derivation,
 * unless its position is known not to be one of its events.
 */
final class Comparisons {

    private Comparisons() {
    }

    /** What the comparison found: the same, a problem (added), or not yet comparable. */
    enum Outcome { SAME, PROBLEM, NOT_YET }

    /**
     * @param foreign whether the stored document's position, when ahead of the derived one, is known not to be the
     *                position of one of its events (a made-up position)
     */
    static Outcome check(String collection, String id, Positioned<?> derived, Positioned<?> stored,
                         OptionalLong passed, boolean foreign, List<Problem> problems) {
        long at = derived.position();
        boolean processorPassed = passed.isPresent() && passed.getAsLong() >= at;
        if (stored == null) {
            if (!processorPassed) {
                return Outcome.NOT_YET;
            }
            problems.add(Problem.ofDocument(Problem.Kind.DOCUMENT_MISSING, collection, id, at, collection + " " + id
                    + " is not stored, though the log makes it (up to position " + at
                    + ") and its read model has passed that position"));
            return Outcome.PROBLEM;
        }
        if (stored.position() == at) {
            if (stored.equals(derived)) {
                return Outcome.SAME;
            }
            problems.add(Problem.ofDocument(Problem.Kind.DOCUMENT_DIFFERS, collection, id, at, collection + " " + id
                    + " at position " + at + " differs from what the log says in " + differences(stored, derived)));
            return Outcome.PROBLEM;
        }
        if (stored.position() < at) {
            if (!processorPassed) {
                return Outcome.NOT_YET;
            }
            problems.add(Problem.ofDocument(Problem.Kind.DOCUMENT_BEHIND, collection, id, stored.position(),
                    collection + " " + id + " reflects the log up to position " + stored.position()
                            + ", but the log says position " + at + " and its read model has passed it"));
            return Outcome.PROBLEM;
        }
        if (foreign) {
            problems.add(Problem.ofDocument(Problem.Kind.DOCUMENT_DIFFERS, collection, id, stored.position(),
                    collection + " " + id + " claims to reflect the event at position " + stored.position()
                            + ", which is not one of its events"));
            return Outcome.PROBLEM;
        }
        return Outcome.NOT_YET;
    }

    /** The names of the fields in which two documents (records) differ. */
    static String differences(Object stored, Object derived) {
        List<String> fields = new ArrayList<>();
        if (stored.getClass().isRecord() && stored.getClass() == derived.getClass()) {
            for (RecordComponent component : stored.getClass().getRecordComponents()) {
                try {
                    if (!Objects.equals(component.getAccessor().invoke(stored),
                                        component.getAccessor().invoke(derived))) {
                        fields.add(component.getName());
                    }
                } catch (ReflectiveOperationException e) {
                    fields.add(component.getName() + " (unreadable)");
                }
            }
        }
        return fields.isEmpty() ? "its content" : String.join(", ", fields);
    }
}
