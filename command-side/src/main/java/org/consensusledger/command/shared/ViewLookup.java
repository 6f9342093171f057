package org.consensusledger.command.shared;

import java.util.Optional;

/** Finds the current view of one kind of aggregate; each feature provides one for its aggregate. */
public interface ViewLookup<V> {

    Optional<V> find(String id);
}
