package org.consensusledger.query.audit;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing or unusable origin as Spring Boot's "APPLICATION FAILED TO START" report, in words that fix it. */
class OriginFailureAnalyzer extends AbstractFailureAnalyzer<OriginMissing> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, OriginMissing cause) {
        return new FailureAnalysis(cause.getMessage(), "Set ledger.audit.origin (environment variable "
                + "LEDGER_AUDIT_ORIGIN) and start again. The launcher sets it by itself (--origin).", cause);
    }
}
