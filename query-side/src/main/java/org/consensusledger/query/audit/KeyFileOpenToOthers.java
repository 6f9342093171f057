package org.consensusledger.query.audit;

import java.nio.file.Path;

/**
 * The checkpoint signing key's file may be read or changed by other users than its owner: whoever reads it can sign
 * checkpoints in the ledger's name, so the query side refuses to start with it ({@link KeyFileFailureAnalyzer} says
 * so at start in words).
 */
class KeyFileOpenToOthers extends IllegalStateException {

    private final transient Path file;
    private final String mode;

    KeyFileOpenToOthers(Path file, String mode) {
        super("The checkpoint signing key " + file + " can be read or changed by other users than its owner (its "
                + "mode is " + mode + "); only its owner may read it. Fix it with: chmod 600 " + file);
        this.file = file;
        this.mode = mode;
    }

    Path file() {
        return file;
    }

    String mode() {
        return mode;
    }
}
