package org.consensusledger.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backup and restore as docs/operations.md tells an operator: a checkpoint is saved from the running ledger, then
 * {@code backup} copies it while six clients keep sending commands; {@code restore} puts the copy into a fresh data
 * directory, the ledger starts on it, and the verifier, given the checkpoint and the verifier key saved before the
 * backup, says VERIFIED: the same log, signed with the same key. A restore refuses while that ledger runs.
 */
class BackupRestoreIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aBackupTakenUnderLoadRestoresTheLedgerItsSavedCheckpointVerifies(@TempDir Path directory) throws Exception {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = LedgerProcess.freePort();
        }
        String site = "http://127.0.0.1:" + ports[2];
        Path data = directory.resolve("data");
        Path backup = directory.resolve("backup");
        Path saved = directory.resolve("saved-checkpoint.txt");
        String vkey;
        try (LedgerProcess ledger = LedgerProcess.start(arguments(data, ports), directory.resolve("first.log"))) {
            Load load = new Load("http://127.0.0.1:" + ports[1], ledger.firstToken(), 23);
            load.setUp();
            load.start();
            try {
                await().atMost(Duration.ofSeconds(90)).until(() -> checkpointSize(get(site + "/api/audit/checkpoint"))
                        >= 20);
                Files.writeString(saved, get(site + "/api/audit/checkpoint"));
                vkey = get(site + "/api/audit/vkey").strip();

                int sentBefore = load.sent().size();
                Run taken = launcher(directory, "backup", "--data-dir", data.toString(), "--mongodb-port",
                                     String.valueOf(ports[0]), "--to", backup.toString());
                System.out.println("backup said:\n" + taken.output());
                assertThat(taken.code()).as(taken.output()).isZero();
                assertThat(taken.output()).contains("is copying its data file", "Backup taken into");
                assertThat(load.sent().size()).as("commands went on during the backup").isGreaterThan(sentBefore);
            } finally {
                load.stop();
            }
        }
        for (String file : List.of("ledger.mv", "keys/checkpoint-signing.key", "backup-manifest.properties")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(Files.readString(backup.resolve("backup-manifest.properties")))
                .contains("taken-from=running ledger", "data-file.sha256=", "key.checkpoint-signing.key.sha256=");

        // Restored into another data directory with a keys directory of its own: the same log, key and origin.
        Path restored = directory.resolve("restored");
        Run restore = launcher(directory, "restore", "--from", backup.toString(), "--data-dir", restored.toString(),
                               "--keys", directory.resolve("restored-keys").toString());
        System.out.println("restore said:\n" + restore.output());
        assertThat(restore.code()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Restored the backup taken");

        List<String> again = new ArrayList<>(arguments(restored, ports));
        again.addAll(List.of("--keys", directory.resolve("restored-keys").toString()));
        try (LedgerProcess ledger = LedgerProcess.start(again, directory.resolve("again.log"))) {
            assertThat(get(site + "/api/audit/vkey").strip()).as("the restored ledger signs with its key, under its "
                                                                         + "origin").isEqualTo(vkey);
            byte[] jar = HTTP.send(HttpRequest.newBuilder(URI.create(site + "/verify/consensus-ledger-verifier.jar"))
                                              .build(), HttpResponse.BodyHandlers.ofByteArray()).body();
            Files.write(directory.resolve("verifier.jar"), jar);
            Run verified = run(directory, java(), "-jar", "verifier.jar", "--server", site, "--vkey", vkey,
                               "--saved", saved.toString(), "--require-saved-checkpoint", "--quiet");
            assertThat(verified.code()).as(verified.output()).isZero();
            assertThat(verified.output()).containsPattern("(?m)^VERIFIED ").contains("1 saved checkpoint (size ")
                                         // the receipts given before the backup, with the key restored with it
                                         .containsPattern("receipts? \\(\\d+ events?\\) match");

            Run refused = launcher(directory, "restore", "--from", backup.toString(), "--data-dir",
                                   restored.toString());
            assertThat(refused.code()).as(refused.output()).isEqualTo(1);
            assertThat(refused.output()).contains("runs on " + restored, "stop it first");
        }
    }

    private static List<String> arguments(Path data, int[] ports) {
        return List.of("--data-dir", data.toString(), "--mongodb-port", String.valueOf(ports[0]),
                       "--command-port", String.valueOf(ports[1]), "--query-port", String.valueOf(ports[2]),
                       "--command-management-port", String.valueOf(ports[3]),
                       "--query-management-port", String.valueOf(ports[4]));
    }

    /** The size a checkpoint note states (its second line), or 0 when there is none yet. */
    private static long checkpointSize(String note) {
        String[] lines = note.split("\n");
        return lines.length > 1 && lines[1].matches("\\d+") ? Long.parseLong(lines[1]) : 0;
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private record Run(int code, String output) {
    }

    private static Run launcher(Path directory, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(java(), "-jar",
                                                       Path.of("target", "consensus-ledger.jar").toAbsolutePath()
                                                           .toString()));
        command.addAll(List.of(arguments));
        return run(directory, command.toArray(String[]::new));
    }

    private static Run run(Path directory, String... command) throws Exception {
        Path output = Files.createTempFile(directory, "run", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                                                            .redirectOutput(output.toFile());
        // The verifier remembers what it verified in the test's directory, not in the home of whoever runs the tests.
        builder.environment().put("XDG_STATE_HOME", directory.resolve("verifier-state").toString());
        Process process = builder.start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES)).as("%s ends", command[command.length - 1]).isTrue();
        return new Run(process.exitValue(), Files.readString(output));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
