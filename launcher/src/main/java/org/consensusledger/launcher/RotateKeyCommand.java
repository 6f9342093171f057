package org.consensusledger.launcher;

import org.consensusledger.tlog.KeyText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rotate-key}: prepares the checkpoint key that replaces the current one, named after the same origin, in the
 * keys directory ({@code checkpoint-signing.key.next}, owner-only). Nothing is signed here: at its next start the query
 * side announces the new key in a checkpoint signed by the current key and the new one, then signs with the new key
 * alone and keeps the old one retired beside it (docs/audit.md, Key rotation).
 */
@Command(name = "rotate-key", mixinStandardHelpOptions = true,
         description = "Prepares a new checkpoint signing key; the query side announces it at its next start, in a "
                 + "checkpoint signed by the current key (docs/operations.md, Rotating the checkpoint key).")
final class RotateKeyCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private LedgerKeysOptions ledger;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path keys;
        try {
            keys = ledger.ownKeys();
            KeysDirectory.prepare(keys, ledger.dataDirectory());
        } catch (IllegalStateException e) {
            err.println("ERROR: " + e.getMessage());
            return 2;
        }
        Path current = keys.resolve(KeysDirectory.CHECKPOINT_KEY);
        Optional<KeyText.VerifierKey> key = KeysDirectory.verifierKey(current);
        if (key.isEmpty()) {
            err.println("ERROR: there is no checkpoint signing key in " + keys.toAbsolutePath()
                    + " to rotate (name the ledger's --keys or --data-dir)");
            return 2;
        }
        Path next = keys.resolve(KeysDirectory.NEXT_CHECKPOINT_KEY);
        if (Files.exists(next)) {
            err.println("ERROR: a new key is already prepared (" + next.toAbsolutePath() + "): start the ledger (or "
                    + "its query side) to announce it, or delete that file to call the rotation off");
            return 2;
        }
        KeyText.SignerKey fresh = KeyText.generate(key.get().name());
        Path writing = keys.resolve(KeysDirectory.NEXT_CHECKPOINT_KEY + ".writing");
        Files.deleteIfExists(writing);
        BackupManifest.writeOwnerOnly(writing, (fresh.format() + "\n").getBytes(StandardCharsets.UTF_8));
        Files.move(writing, next, StandardCopyOption.ATOMIC_MOVE);
        KeysDirectory.syncDirectory(keys);
        String vkey = fresh.verifierKey().format();
        out.println("Prepared a new checkpoint signing key in " + next.toAbsolutePath() + ":");
        out.println("  new key:     " + vkey);
        out.println("  fingerprint: " + KeyText.fingerprint(vkey));
        out.println("  replaces:    " + key.get().format());
        out.println("Restart the ledger (or its query side): it announces the new key in a checkpoint signed by both "
                + "keys, then signs with the new one alone, keeping the old one as "
                + KeysDirectory.CHECKPOINT_KEY + ".retired-" + KeyText.hex8(key.get().keyId()) + ". Publish the new "
                + "key's fingerprint where you published the old one, and back the keys up again.");
        out.flush();
        return 0;
    }
}
