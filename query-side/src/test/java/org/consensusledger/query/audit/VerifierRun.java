package org.consensusledger.query.audit;

import org.consensusledger.verifier.VerifierCommand;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the auditors' verifier in this JVM, as its command line would. */
final class VerifierRun {

    private VerifierRun() {
    }

    /** The verifier's exit code, a space, then what it wrote to stdout and stderr. */
    static String run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(err), arguments);
        return code + " " + out.toString().strip() + err.toString().strip();
    }
}
