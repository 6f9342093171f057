package org.consensusledger.command.shared;

import java.util.Optional;

/**
 * The log's latest signed checkpoint (a C2SP signed note), which closing a meeting records in its minutes. Command
 * handlers take it as a parameter; the application reads it from the checkpoints the query side signs, fixture tests
 * from a stub.
 */
@FunctionalInterface
public interface CurrentCheckpoint {

    /** Empty while no checkpoint has been signed yet. */
    Optional<String> note();
}
