package org.consensusledger.verifier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The shaded jar runs on its own with {@code java -jar} (run by failsafe after the jar is built). */
class VerifierJarIT {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result javaJar(String... args) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("verifier.jar", "target/consensus-ledger-verifier.jar"));
        assertThat(jar).exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        // Each run remembers nothing of the others, and nothing is written in the home of whoever runs the tests.
        builder.environment().put("XDG_STATE_HOME", Files.createTempDirectory("verifier-state-").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(),
                          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void theJarVerifiesAnExportAndFailsATamperedOne() throws Exception {
        SyntheticLog log = SyntheticLog.generate(500);
        Path events = SyntheticLog.write(dir.resolve("events.ndjson"), log.lines());
        Path checkpoint = SyntheticLog.write(dir.resolve("checkpoint.txt"), log.checkpoint(500));
        Path saved = SyntheticLog.write(dir.resolve("saved.txt"), log.checkpoint(300));
        Path vkey = SyntheticLog.write(dir.resolve("vkey.txt"), log.vkey() + "\n");

        Result ok = javaJar("--events", events.toString(), "--checkpoint", checkpoint.toString(),
                            "--vkey", vkey.toString(), "--saved", saved.toString());
        assertThat(ok.code()).as(ok.toString()).isZero();
        assertThat(ok.out()).startsWith("VERIFIED 500 events; root ")
                            .contains("1 saved checkpoint (size 300) is consistent with it");

        List<String> lines = log.lines();
        lines.remove(100);
        Files.write(events, lines, StandardCharsets.UTF_8);
        Result tampered = javaJar("--events", events.toString(), "--checkpoint", checkpoint.toString(),
                                  "--vkey", vkey.toString(), "--saved", saved.toString(), "--quiet");
        assertThat(tampered.code()).as(tampered.toString()).isEqualTo(1);
        assertThat(tampered.out()).startsWith("FAILED at position 100: expected globalPosition 100, found 101");

        Result unusable = javaJar("--events", events.toString(), "--checkpoint", dir.resolve("none").toString(),
                                  "--vkey", vkey.toString());
        assertThat(unusable.code()).as(unusable.toString()).isEqualTo(2);
        assertThat(unusable.err()).startsWith("ERROR: cannot read");

        // Without a saved checkpoint: verified, with the warning on stderr; refused when strictness is asked for.
        Files.write(events, log.lines(), StandardCharsets.UTF_8);
        Result unsaved = javaJar("--events", events.toString(), "--checkpoint", checkpoint.toString(),
                                 "--vkey", vkey.toString(), "--quiet");
        assertThat(unsaved.code()).as(unsaved.toString()).isZero();
        assertThat(unsaved.out()).startsWith("VERIFIED 500 events; root ");
        assertThat(unsaved.err()).contains("WARNING: NO SAVED CHECKPOINT", "--saved");
        Result strict = javaJar("--events", events.toString(), "--checkpoint", checkpoint.toString(),
                                "--vkey", vkey.toString(), "--require-saved-checkpoint");
        assertThat(strict.code()).as(strict.toString()).isEqualTo(2);
        assertThat(strict.out()).isEmpty();

        Result help = javaJar("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).startsWith("Usage: consensus-ledger-verifier");
    }
}
