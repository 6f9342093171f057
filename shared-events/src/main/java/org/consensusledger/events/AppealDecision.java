package org.consensusledger.events;

/**
 * An upheld appeal sets the outcome aside and opens the proposal again; a dismissed one lets it stand.
 */
public enum AppealDecision {
    UPHELD,
    DISMISSED
}
