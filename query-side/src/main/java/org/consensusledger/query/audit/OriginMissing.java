package org.consensusledger.query.audit;

import org.consensusledger.tlog.KeyText;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The log has no usable origin ({@code ledger.audit.origin} unset, or not a key name): the query side refuses to
 * start rather than sign checkpoints under a name derived from where it happens to run. Its message says what to set,
 * and, when a signing key is already there, the origin that key is named with (the log's existing identity).
 */
class OriginMissing extends IllegalStateException {

    OriginMissing(String invalid, Path keyFile) {
        super(message(invalid, keyFile));
    }

    private static String message(String invalid, Path keyFile) {
        String what = invalid == null
                ? "ledger.audit.origin is not set: the log's origin (the first line of every checkpoint, and the "
                  + "name of its signing key) must be configured"
                : "ledger.audit.origin '" + invalid + "' cannot name a log: it must be non-empty, without spaces, "
                  + "'+' or control characters";
        String existing = existingName(keyFile);
        return what + ". Set it (LEDGER_AUDIT_ORIGIN, or --ledger.audit.origin=…) to a stable name of this log, a "
                + "schema-less URL such as ledger.example.org/log"
                + (existing == null ? "" : "; the signing key in " + keyFile.toAbsolutePath() + " is named '"
                        + existing + "', so this log's origin is '" + existing + "'")
                + " (docs/audit.md, The log's identity).";
    }

    /** The name of the signer key in {@code keyFile}, if there is one that can be read. */
    private static String existingName(Path keyFile) {
        try {
            if (keyFile == null || !Files.isRegularFile(keyFile)) {
                return null;
            }
            return KeyText.parseSignerKey(Files.readString(keyFile).strip()).name();
        } catch (Exception e) {
            return null;
        }
    }
}
