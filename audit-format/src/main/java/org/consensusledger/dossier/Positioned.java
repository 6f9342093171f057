package org.consensusledger.dossier;

/**
 * A document computed from the log (a read model's document, a dossier): its key and the global position of the last
 * event applied to it.
 */
public interface Positioned<D> {

    String id();

    long position();

    /** The same document, as reflecting the log up to {@code position}. */
    D at(long position);
}
