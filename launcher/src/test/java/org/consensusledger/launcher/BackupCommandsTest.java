package org.consensusledger.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.consensusledger.embedded.DataFileBackup;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The backup and restore subcommands on a stopped ledger: the backup holds the data file, the keys directory's signing
 * keys and a manifest, owner-only; a restore moves what the data directory held aside and says so, and refuses a backup whose
 * files are not those its manifest describes, or a folder that is not a backup. (Under load, and with the verifier:
 * BackupRestoreIT.)
 */
class BackupCommandsTest {

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    @BeforeEach
    void listen() {
        log.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    @Test
    void aStoppedLedgerIsBackedUpWithItsKeysAndRestoredOverAnotherWithoutOverwritingIt(@TempDir Path directory)
            throws Exception {
        Path data = directory.resolve("data");
        write(data, "kept", 20);
        Path keys = directory.resolve("keys"); // beside the data directory: where the launcher keeps them
        Files.createDirectories(keys);
        Files.writeString(keys.resolve("checkpoint-signing.key"), "the ledger's key");
        Files.writeString(keys.resolve("checkpoint-signing.key.retired-0a1b2c3d"), "its retired key");
        Files.writeString(keys.resolve("receipt-signing.key"), "its receipt key");
        Path backup = directory.resolve("backup");

        assertThat(run("backup", "--data-dir", data.toString(), "--mongodb-port", String.valueOf(
                LedgerProcess.freePort()), "--to", backup.toString())).as(said()).isZero();

        for (String file : new String[] {"ledger.mv", "keys/checkpoint-signing.key",
                "keys/checkpoint-signing.key.retired-0a1b2c3d", "keys/receipt-signing.key",
                "backup-manifest.properties"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.resolve("keys"))))
                .isEqualTo("rwx------");
        assertThat(Files.readString(backup.resolve("backup-manifest.properties")))
                .contains("format=2", "taken-from=stopped ledger", "data-file.sha256=",
                          "keys=checkpoint-signing.key,checkpoint-signing.key.retired-0a1b2c3d,receipt-signing.key",
                          "key.checkpoint-signing.key.sha256=", "key.receipt-signing.key.sha256=");
        assertThat(said()).contains("Backup taken into " + backup.toAbsolutePath())
                          .contains("whoever holds this backup can sign in the ledger's name");

        // Another ledger, its keys in a directory of their own, restored into: moved aside, never overwritten.
        Path other = directory.resolve("other");
        Path otherKeys = directory.resolve("other-keys");
        write(other, "other", 3);
        Files.createDirectories(otherKeys);
        Files.writeString(otherKeys.resolve("checkpoint-signing.key"), "another key");
        Files.writeString(other.resolve("first-secretariat-token"), "another token");
        Files.writeString(other.resolve("log-origin"), "other.example/log\n");

        assertThat(run("restore", "--from", backup.toString(), "--data-dir", other.toString(), "--keys",
                       otherKeys.toString())).as(said()).isZero();

        assertThat(Files.readString(otherKeys.resolve("checkpoint-signing.key"))).isEqualTo("the ledger's key");
        assertThat(Files.readString(otherKeys.resolve("checkpoint-signing.key.retired-0a1b2c3d")))
                .isEqualTo("its retired key");
        assertThat(Files.readString(otherKeys.resolve("receipt-signing.key"))).isEqualTo("its receipt key");
        assertThat(other.resolve("checkpoint-signing.key")).as("no key in the data directory").doesNotExist();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(other.resolve("ledger.mv"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                otherKeys.resolve("checkpoint-signing.key")))).isEqualTo("rw-------");
        assertThat(count(other, "kept")).isEqualTo(20);
        Path aside = replaced(other);
        Path keysAside = replaced(otherKeys);
        assertThat(Files.readString(keysAside.resolve("checkpoint-signing.key"))).isEqualTo("another key");
        assertThat(aside.resolve("first-secretariat-token")).exists();
        assertThat(aside.resolve("log-origin")).as("the replaced ledger's origin goes with it").exists();
        assertThat(other.resolve("first-secretariat-token")).doesNotExist();
        assertThat(count(aside, "other")).isEqualTo(3);
        assertThat(said()).contains("was moved to " + aside.toAbsolutePath(), "were moved to "
                + keysAside.toAbsolutePath(), "Restored the backup taken");

        // A damaged backup, or a folder that is not one, is refused before anything is touched.
        Files.writeString(backup.resolve("keys/checkpoint-signing.key"), "a changed key");
        assertThat(run("restore", "--from", backup.toString(), "--data-dir", other.toString(), "--keys",
                       otherKeys.toString())).isEqualTo(2);
        assertThat(said()).contains("is not the file the backup's manifest describes");
        assertThat(run("restore", "--from", aside.toString(), "--data-dir", other.toString())).isEqualTo(2);
        assertThat(said()).contains("it is not a backup the launcher took");
        assertThat(Files.readString(otherKeys.resolve("checkpoint-signing.key"))).isEqualTo("the ledger's key");
    }

    @Test
    void aBackupOfTheEarlierLayoutPutsItsKeyIntoTheKeysDirectory(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("data");
        write(data, "kept", 2);
        Path backup = directory.resolve("backup");
        assertThat(run("backup", "--data-dir", data.toString(), "--mongodb-port", String.valueOf(
                LedgerProcess.freePort()), "--to", backup.toString())).as(said()).isZero();
        // What format 1 held: the checkpoint key beside the data file, as "signing-key".
        Files.writeString(backup.resolve("checkpoint-signing.key"), "the key of format 1");
        Files.writeString(backup.resolve("backup-manifest.properties"), Files.readString(
                backup.resolve("backup-manifest.properties")).replace("format=2", "format=1")
                + "signing-key=checkpoint-signing.key\nsigning-key.size=19\nsigning-key.sha256="
                + DataFileBackup.sha256(backup.resolve("checkpoint-signing.key")) + "\n");

        Path restored = directory.resolve("restored");
        assertThat(run("restore", "--from", backup.toString(), "--data-dir", restored.toString())).as(said())
                .isZero();

        assertThat(Files.readString(directory.resolve("keys/checkpoint-signing.key"))).isEqualTo("the key of format 1");
        assertThat(restored.resolve("checkpoint-signing.key")).doesNotExist();
    }

    @Test
    void aRestoreBesideAnotherLedgersKeysIsRefusedAndItsOwnKeysOriginGoesAside(@TempDir Path directory)
            throws Exception {
        Path data = directory.resolve("data");
        write(data, "kept", 2);
        Path backup = directory.resolve("backup");
        assertThat(run("backup", "--data-dir", data.toString(), "--mongodb-port", String.valueOf(
                LedgerProcess.freePort()), "--to", backup.toString())).as(said()).isZero();
        // Ledger A's keys, in the keys folder beside both data directories, bound to its log.
        Path keys = Files.createDirectories(directory.resolve("keys"));
        Files.writeString(keys.resolve("log-origin"), "a.example/log\n");
        Files.writeString(keys.resolve("checkpoint-signing.key"), "A's key");

        Path b = directory.resolve("ledger-b");
        assertThat(run("restore", "--from", backup.toString(), "--data-dir", b.toString())).isEqualTo(2);
        assertThat(said()).contains("holds the keys of the log 'a.example/log'", "Give this ledger its own --keys");
        assertThat(Files.readString(keys.resolve("checkpoint-signing.key"))).isEqualTo("A's key");
        assertThat(keys.resolve("log-origin")).exists();

        // Into A itself (its data directory records that log): its keys and their log-origin go aside together.
        Files.writeString(data.resolve("log-origin"), "a.example/log\n");
        assertThat(run("restore", "--from", backup.toString(), "--data-dir", data.toString())).as(said()).isZero();
        Path keysAside = replaced(keys);
        assertThat(Files.readString(keysAside.resolve("log-origin"))).isEqualTo("a.example/log\n");
        assertThat(keys.resolve("log-origin")).doesNotExist();
    }

    private static Path replaced(Path directory) throws Exception {
        try (var entries = Files.list(directory)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("replaced-")).findFirst()
                          .orElseThrow();
        }
    }

    @Test
    void aLedgerOfTheFormatBeforeCompactIndexKeysIsBackedUpStoppedAndRestoredUnconverted(@TempDir Path directory)
            throws Exception {
        // A data file of the version before compact index keys (event-store's PreviousVersionFileTest): checking a
        // copy opens it read-only, so it must read it as it is, not convert it.
        Path data = directory.resolve("data");
        Files.createDirectories(data);
        try (InputStream packed = getClass().getResourceAsStream("/fileformat/ledger-before-key-type.mv.db.gz")) {
            assertThat(packed).isNotNull();
            Files.copy(new GZIPInputStream(packed), data.resolve("ledger.mv"));
        }
        String before = DataFileBackup.sha256(data.resolve("ledger.mv"));
        Path backup = directory.resolve("backup");

        assertThat(run("backup", "--data-dir", data.toString(), "--mongodb-port", String.valueOf(
                LedgerProcess.freePort()), "--to", backup.toString())).as(said()).isZero();
        assertThat(DataFileBackup.sha256(data.resolve("ledger.mv"))).as("the ledger's own file, untouched")
                                                                     .isEqualTo(before);
        assertThat(DataFileBackup.sha256(backup.resolve("ledger.mv"))).isEqualTo(before);

        Path restored = directory.resolve("restored");
        assertThat(run("restore", "--from", backup.toString(), "--data-dir", restored.toString())).as(said())
                .isZero();
        assertThat(said()).contains("Restored the backup taken");
        assertThat(count(restored, "accounts")).isEqualTo(20); // converted at its first start, as any old file
    }

    @Test
    void twoRestoresInTheSameInstantKeepBothReplacedLedgers(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("data");
        write(data, "kept", 20);
        Path backup = directory.resolve("backup");
        assertThat(run("backup", "--data-dir", data.toString(), "--mongodb-port", String.valueOf(
                LedgerProcess.freePort()), "--to", backup.toString())).as(said()).isZero();
        Path other = directory.resolve("other");
        write(other, "other", 3);
        Clock sameInstant = Clock.fixed(Instant.parse("2026-12-05T14:00:00Z"), ZoneOffset.UTC);

        for (int restore = 0; restore < 2; restore++) {
            log.list.clear();
            assertThat(new CommandLine(new RestoreCommand(sameInstant))
                               .execute("--from", backup.toString(), "--data-dir", other.toString()))
                    .as(said()).isZero();
        }

        List<Path> aside;
        try (var entries = Files.list(other)) {
            aside = entries.filter(path -> path.getFileName().toString().startsWith("replaced-")).sorted().toList();
        }
        assertThat(aside).hasSize(2);
        assertThat(count(aside.get(0), "other")).as("the ledger the first restore replaced").isEqualTo(3);
        assertThat(count(aside.get(1), "kept")).as("the one the second replaced").isEqualTo(20);
        assertThat(count(other, "kept")).isEqualTo(20);
    }

    @Test
    void aRestoreIsRefusedWhileALauncherIsRecordedRunningOnTheDirectory(@TempDir Path directory) throws Exception {
        Path data = directory.resolve("data");
        write(data, "kept", 2);
        Path backup = directory.resolve("backup");
        assertThat(run("backup", "--data-dir", data.toString(), "--mongodb-port", String.valueOf(
                LedgerProcess.freePort()), "--to", backup.toString())).as(said()).isZero();
        Path other = directory.resolve("other");
        write(other, "other", 3);
        // This JVM, recorded as the launcher running on the directory (its server not started yet, say).
        new PidFile(other).write(List.of(PidFile.Entry.of(PidFile.LAUNCHER, ProcessHandle.current()).orElseThrow()));

        assertThat(run("restore", "--from", backup.toString(), "--data-dir", other.toString())).isEqualTo(1);

        assertThat(said()).contains("a launcher (pid " + ProcessHandle.current().pid() + ") runs on");
        try (var entries = Files.list(other)) {
            assertThat(entries.map(path -> path.getFileName().toString()))
                    .noneMatch(name -> name.startsWith("replaced-") || name.endsWith(".restoring"));
        }
        assertThat(count(other, "other")).isEqualTo(3);
    }

    @Test
    void aRunningServersBackupIsTakenOnlyFromWhereTheLauncherExpectsIt(@TempDir Path directory) {
        Path data = directory.resolve("data");
        String id = "20261205T141055.123Z";
        Path expected = data.resolve("backups").resolve(id).resolve("ledger.mv").toAbsolutePath();

        assertThat(BackupCommand.copyOf(data, id, expected.toString())).isEqualTo(expected);
        // A reply naming another file (the ledger's own data file, through "..") or an id that is not the server's.
        assertThatThrownBy(() -> BackupCommand.copyOf(data, id, data.toAbsolutePath() + "/backups/../ledger.mv"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("not in --data-dir");
        assertThatThrownBy(() -> BackupCommand.copyOf(data, "..", data.toAbsolutePath() + "/backups/../ledger.mv"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("backup id");
        assertThatThrownBy(() -> BackupCommand.copyOf(data, "../" + id, data.toAbsolutePath() + "/" + id
                + "/ledger.mv")).isInstanceOf(IllegalStateException.class).hasMessageContaining("backup id");
    }

    private int run(String... arguments) {
        log.list.clear();
        return new CommandLine(new LedgerLauncher()).execute(arguments);
    }

    private String said() {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).collect(Collectors.joining("\n"));
    }

    private static void write(Path data, String collection, int documents) throws Exception {
        Files.createDirectories(data);
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(data.resolve("ledger.mv"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            for (int i = 0; i < documents; i++) {
                client.getDatabase("ledger").getCollection(collection).insertOne(new Document("_id", i));
            }
        }
    }

    private static long count(Path data, String collection) throws Exception {
        try (EmbeddedMongoServer server = EmbeddedMongoServer.durable(data.resolve("ledger.mv"), "127.0.0.1", 0);
             MongoClient client = MongoClients.create(server.connectionString())) {
            return client.getDatabase("ledger").getCollection(collection).countDocuments();
        }
    }
}
