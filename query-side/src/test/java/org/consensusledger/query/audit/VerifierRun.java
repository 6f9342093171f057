package org.consensusledger.query.audit;

import org.consensusledger.verifier.VerifierCommand;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the auditors' verifier in this JVM, as its command line would. */
final class VerifierRun {

    private VerifierRun() {
    }

    /**
     * The verifier's exit code, a space, then what it wrote to stdout and stderr. It remembers nothing
     * ({@code --no-state}): each test's ledger has a key of its own, and the home of whoever runs the tests is left
     * alone.
     */
    static String run(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] forgetful = java.util.Arrays.copyOf(arguments, arguments.length + 1);
        forgetful[arguments.length] = "--no-state";
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(err), forgetful);
        return code + " " + out.toString().strip() + err.toString().strip();
    }
}
