package org.consensusledger.verifier;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** One run of the command in this JVM: its exit code, stdout and stderr. */
record Run(int code, String out, String err) {

    /**
     * A run that remembers nothing from other runs: its state (XDG_STATE_HOME) is a directory of its own, removed
     * afterwards.
     */
    static Run of(String... args) {
        Path stateHome;
        try {
            stateHome = Files.createTempDirectory("verifier-state-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return in(stateHome, args);
        } finally {
            try (Stream<Path> files = Files.walk(stateHome)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A run whose XDG_STATE_HOME is {@code stateHome} (and whose home is {@code stateHome/home}). */
    static Run in(Path stateHome, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VerifierCommand.run(new PrintWriter(out), new PrintWriter(err),
                                       Map.of("XDG_STATE_HOME", stateHome.toString()), stateHome.resolve("home"),
                                       args);
        return new Run(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + code + "\nstdout: " + out + "\nstderr: " + err;
    }
}
