package org.consensusledger.query.site;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The words a POSIX shell reads from a command a page shows, as the reader who copies it would run it: {@code sh}
 * runs it with a function of the command's name that prints its arguments instead, so quoting, continuation lines
 * and anything a key could smuggle in are judged by a real shell.
 */
public final class ShellWords {

    private ShellWords() {
    }

    /** The command's words, its name first; fails if the shell does not run it cleanly. */
    public static List<String> of(String command) throws IOException, InterruptedException {
        String name = command.strip().split("\\s+", 2)[0];
        Process shell = new ProcessBuilder("sh", "-c", name + "() { printf '%s\\0' " + name + " \"$@\"; }\n" + command)
                .redirectErrorStream(true).start();
        String printed = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (shell.waitFor() != 0) {
            throw new IllegalStateException("sh could not run " + command + ": " + printed);
        }
        return List.of(printed.split("\0"));
    }
}
