package org.consensusledger.query.audit;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused signing key file into Spring Boot's "APPLICATION FAILED TO START" report: which file, its mode, and
 * the command that fixes it, instead of a stack trace (registered in {@code META-INF/spring.factories}).
 */
class KeyFileFailureAnalyzer extends AbstractFailureAnalyzer<KeyFileOpenToOthers> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, KeyFileOpenToOthers cause) {
        return new FailureAnalysis("The checkpoint signing key " + cause.file() + " (ledger.audit.key-file) can be "
                + "read or changed by other users than its owner: its mode is " + cause.mode() + ". Whoever reads it "
                + "can sign checkpoints of this ledger's log.",
                "Make it readable by its owner only, then start again: chmod 600 " + cause.file(), cause);
    }
}
