package org.consensusledger.events.record;

/**
 * An event about the record itself.
 */
public sealed interface RecordEvent permits RecordCorrected {

    String correctionId();
}
