package org.consensusledger.launcher;

import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The options of the commands that work on a ledger's keys ({@code key}, {@code rotate-key}): its data directory and
 * its keys directory, and the keys directory they name, checked to be this ledger's own.
 */
final class LedgerKeysOptions {

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "The ledger's data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--keys", defaultValue = "${env:LEDGER_KEYS_DIR}",
            description = "The ledger's keys directory (default: keys beside the data directory).")
    private Path keysDirectory;

    Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The keys directory these options name (or the one beside the data directory), once it is known not to hold
     * another ledger's keys ({@link LogOrigin#requireKeysOf}).
     *
     * @throws IllegalStateException when it holds another log's keys, in words for the operator
     */
    Path ownKeys() throws IOException {
        Path keys = KeysDirectory.of(keysDirectory, dataDirectory);
        LogOrigin.requireKeysOf(dataDirectory, keys, keysDirectory != null);
        return keys;
    }
}
