package org.consensusledger.dossier;

/**
 * Who recorded a step, as a role: events carry it in their metadata ({@code recordedAs}) beside the organisation the
 * recording delegate acted for ({@code actingFor}); the account itself ({@code recordedBy}) is never shown.
 */
public final class Recorders {

    /** The secretariat recorded it (no organisation). */
    public static final String SECRETARIAT = "SECRETARIAT";
    /** A delegate of a co-chair recorded it, possibly for another member. */
    public static final String CO_CHAIR = "CO_CHAIR";
    /** A member's own delegate recorded it. */
    public static final String DELEGATE = "DELEGATE";
    /** The ledger itself recorded it (sealing a meeting's minutes). */
    public static final String LEDGER = "LEDGER";
    /**
     * Recorded before the ledger kept the role: a delegate acting for the organisation, in a role not recorded.
     */
    public static final String ACTING_FOR = "ACTING_FOR";

    private Recorders() {
    }

    /**
     * The role from an event's metadata. Events stored before roles were kept have none: without an organisation
     * the secretariat recorded them, else a delegate for that organisation ({@link #ACTING_FOR}).
     */
    public static String role(String recordedAs, String actingFor) {
        if (recordedAs != null) {
            return recordedAs;
        }
        return actingFor == null ? SECRETARIAT : ACTING_FOR;
    }
}
