package org.consensusledger.query.site;

import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.DossierDocument.Recorded;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * For the pages ({@code @correctionsOf}): the corrections of one step among a record's corrections, so that a page
 * shows them beside that step, and nothing — not an empty list — where a step has none.
 */
@Component("correctionsOf")
class CorrectionsOf {

    /** The corrections of the step at {@code sequenceNumber} of the record's stream (none if it is null). */
    public List<Correction> step(List<Correction> corrections, Long sequenceNumber) {
        if (corrections == null || sequenceNumber == null) {
            return List.of();
        }
        return corrections.stream().filter(k -> k.correctedSequenceNumber() == sequenceNumber).toList();
    }

    /** The corrections of the step that recorded an entry ({@code recorded} null: none). */
    public List<Correction> of(List<Correction> corrections, Recorded recorded) {
        return recorded == null ? List.of() : step(corrections, recorded.sequenceNumber());
    }

    /** The corrections of either of two steps (an objection's raising and its disposition). */
    public List<Correction> of(List<Correction> corrections, Recorded one, Recorded other) {
        return corrections == null ? List.of() : corrections.stream()
                .filter(k -> one != null && k.correctedSequenceNumber() == one.sequenceNumber()
                        || other != null && k.correctedSequenceNumber() == other.sequenceNumber())
                .toList();
    }
}
