package org.consensusledger.launcher;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consensusledger.embedded.DataFileBackup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code backup}: a consistent copy of the embedded server's data file and the checkpoint signing key, with a
 * manifest. A running ledger's server makes the copy itself ({@link DataFileBackup#COMMAND}) into its data
 * directory's {@code backups} folder, while writes go on; a stopped ledger's file is copied here, held read-only
 * meanwhile so that no ledger starts on it. Either way the copy is opened and read through before it is kept.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
         description = "Takes a consistent copy of the embedded server's data and the checkpoint signing key, from a "
                 + "running ledger (while it runs) or a stopped one (docs/operations.md, Backup and restore).")
final class BackupCommand implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(BackupCommand.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                                                                    .withZone(ZoneOffset.UTC);

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "The ledger's data directory (default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--mongodb-port", defaultValue = "27027",
            description = "Port of the running ledger's embedded server on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int mongoPort;

    @Option(names = "--to", description = "A new (or empty) folder for the backup (default: a new folder in the "
            + "data directory's backups folder: on the same disk, so copy it elsewhere).")
    private Path to;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (to != null && Files.exists(to) && !isEmptyDirectory(to)) {
            LOGGER.error("{} exists and is not an empty folder: a backup never overwrites anything; name a new one",
                         to.toAbsolutePath());
            return 2;
        }
        Path folder;
        DataFileBackup.Copy copy;
        String takenFrom;
        if (answers(mongoPort)) {
            Document done = fromRunningServer();
            if (done == null) {
                return 1;
            }
            Path taken = Path.of(done.getString("file")).getParent();
            copy = new DataFileBackup.Copy(Path.of(done.getString("file")), done.getLong("size"),
                                           done.getString("sha256"), done.getLong("version"),
                                           done.getLong("entries"));
            if (to == null) {
                folder = taken;
            } else {
                folder = DataDirectory.ownerOnly(to);
                // A rename on the same disk; otherwise a copy (checked against the server's hash), then removed.
                Path moved = Files.move(copy.file(), folder.resolve(BackupManifest.DATA_FILE));
                Files.delete(taken);
                if (!DataFileBackup.sha256(moved).equals(copy.sha256())) {
                    LOGGER.error("The copy moved to {} differs from the server's: the disk may be failing", moved);
                    return 1;
                }
            }
            takenFrom = "running ledger (embedded server on 127.0.0.1:" + mongoPort + ")";
        } else {
            Path dataFile = BackupManifest.dataFile(dataDirectory);
            if (!Files.isRegularFile(dataFile)) {
                LOGGER.error("Nothing answers on 127.0.0.1:{} and there is no data file at {}: name the ledger's "
                                     + "--data-dir (and --mongodb-port, if it runs). A ledger on a real MongoDB is "
                                     + "backed up with mongodump (docker/README.md)", mongoPort,
                             dataFile.toAbsolutePath());
                return 2;
            }
            folder = DataDirectory.ownerOnly(to != null ? to : DataDirectory.ownerOnly(
                    dataDirectory.resolve(DataFileBackup.BACKUPS_FOLDER)).resolve(STAMP.format(Instant.now())));
            LOGGER.info("Nothing answers on 127.0.0.1:{}: copying the stopped ledger's {}", mongoPort,
                        dataFile.toAbsolutePath());
            try {
                copy = DataFileBackup.copyStopped(dataFile, folder.resolve(BackupManifest.DATA_FILE));
            } catch (IllegalStateException e) {
                if (isEmptyDirectory(folder)) {
                    Files.delete(folder);
                }
                LOGGER.error("{}. If the ledger runs, name its --mongodb-port", e.getMessage());
                return 1;
            }
            takenFrom = "stopped ledger (" + dataDirectory.toAbsolutePath() + ")";
        }
        Path key = BackupManifest.signingKey(dataDirectory);
        if (Files.isRegularFile(key)) {
            BackupManifest.copyOwnerOnly(key, folder.resolve(BackupManifest.SIGNING_KEY));
        } else {
            LOGGER.warn("There is no checkpoint signing key at {}: the backup holds the data alone, and a ledger "
                                + "restored from it signs with a new key, so checkpoints saved before do not verify "
                                + "against it", key.toAbsolutePath());
        }
        BackupManifest.describe(folder, copy, takenFrom).write(folder);
        LOGGER.info("Backup taken into {}: {} ({} bytes, SHA-256 {}, opened and read through: {} entries){}, and {}."
                            + " It is as good as the ledger's own access: keep it its owner's only, and a copy on "
                            + "another machine", folder.toAbsolutePath(), BackupManifest.DATA_FILE, copy.size(),
                    copy.sha256(), copy.entries(),
                    Files.isRegularFile(folder.resolve(BackupManifest.SIGNING_KEY))
                            ? ", " + BackupManifest.SIGNING_KEY : "", BackupManifest.MANIFEST);
        return 0;
    }

    /** Asks the running server for a copy; its state once done, or null after saying why not. */
    private Document fromRunningServer() throws IOException, InterruptedException {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + mongoPort))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoDatabase admin = client.getDatabase("admin");
            Document started;
            try {
                started = admin.runCommand(new Document(DataFileBackup.COMMAND, "start"));
            } catch (RuntimeException e) {
                LOGGER.error("The server on 127.0.0.1:{} did not start a backup: {} (is it this ledger's embedded "
                                     + "server? A ledger on a real MongoDB is backed up with mongodump: "
                                     + "docker/README.md)", mongoPort, e.getMessage());
                return null;
            }
            LOGGER.info("The running ledger is copying its data file into {} (writes go on meanwhile)",
                        Path.of(started.getString("file")).getParent());
            Document status = new Document(DataFileBackup.COMMAND, "status").append("id", started.getString("id"));
            Document state = admin.runCommand(status);
            while ("copying".equals(state.getString("state"))) {
                Thread.sleep(200);
                state = admin.runCommand(status);
            }
            if (!"done".equals(state.getString("state"))) {
                LOGGER.error("The backup failed: {}", state.getString("error"));
                return null;
            }
            Path folder = Path.of(state.getString("file")).getParent();
            Path expected = dataDirectory.resolve(DataFileBackup.BACKUPS_FOLDER).toAbsolutePath().normalize();
            if (!Files.isDirectory(expected) || !Files.isSameFile(folder.getParent(), expected)) {
                LOGGER.error("The ledger on port {} keeps its data elsewhere than --data-dir {}: its backup is in {};"
                                     + " run this again with its --data-dir, so that its signing key is taken too",
                             mongoPort, dataDirectory.toAbsolutePath(), folder);
                return null;
            }
            return state;
        }
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isEmptyDirectory(Path path) throws IOException {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.findAny().isEmpty();
        }
    }
}
