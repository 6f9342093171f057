package org.consensusledger.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code key}: prints the ledger's verifier keys and their SHA-256 fingerprints (the checkpoint key, a prepared next
 * one, the receipt key), for publication somewhere auditors can find them apart from the ledger itself. The
 * fingerprint is the one the site's /verify page shows: SHA-256 of the key as {@code /api/audit/vkey} serves it.
 */
@Command(name = "key", mixinStandardHelpOptions = true,
         description = "Prints the ledger's verifier keys and their SHA-256 fingerprints, to publish "
                 + "(docs/operations.md, Publishing the key's fingerprint).")
final class KeyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LedgerKeysOptions ledger;

    @Override
    public Integer call() throws IOException {
        Path keys;
        try {
            keys = ledger.ownKeys(); // not another ledger's keys as its own
        } catch (IllegalStateException e) {
            spec.commandLine().getErr().println("ERROR: " + e.getMessage());
            return 2;
        }
        List<String> lines = KeysDirectory.describe(keys);
        if (lines.isEmpty()) {
            spec.commandLine().getErr().println("ERROR: there is no signing key in " + keys.toAbsolutePath()
                    + " (the ledger makes them at its first start; name its --keys or --data-dir)");
            return 2;
        }
        lines.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
