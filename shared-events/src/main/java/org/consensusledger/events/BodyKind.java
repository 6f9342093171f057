package org.consensusledger.events;

/**
 * A plenary decides for the whole forum; a working group works under a plenary.
 */
public enum BodyKind {
    PLENARY,
    WORKING_GROUP
}
