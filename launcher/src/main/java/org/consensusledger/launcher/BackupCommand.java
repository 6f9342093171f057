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
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
    /** The ids the embedded server gives its backups ({@code OnlineBackup}: its start time, to the millisecond). */
    private static final Pattern BACKUP_ID = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}Z");

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
            Path file = copyOf(dataDirectory, done.getString("id"), done.getString("file"));
            Path taken = file.getParent();
            copy = new DataFileBackup.Copy(file, done.getLong("size"),
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
        // The receipts' key too: receipts issued before verify only with it.
        Path receiptKey = dataDirectory.resolve(BackupManifest.RECEIPT_KEY);
        if (Files.isRegularFile(receiptKey)) {
            BackupManifest.copyOwnerOnly(receiptKey, folder.resolve(BackupManifest.RECEIPT_KEY));
        }
        BackupManifest.describe(folder, copy, takenFrom).write(folder);
        LOGGER.info("Backup taken into {}: {} ({} bytes, SHA-256 {}, opened and read through: {} entries){}, and {}."
                            + " It is as good as the ledger's own access: keep it its owner's only, and a copy on "
                            + "another machine", folder.toAbsolutePath(), BackupManifest.DATA_FILE, copy.size(),
                    copy.sha256(), copy.entries(),
                    (Files.isRegularFile(folder.resolve(BackupManifest.SIGNING_KEY))
                            ? ", " + BackupManifest.SIGNING_KEY : "")
                            + (Files.isRegularFile(folder.resolve(BackupManifest.RECEIPT_KEY))
                            ? ", " + BackupManifest.RECEIPT_KEY : ""), BackupManifest.MANIFEST);
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
            String id = started.getString("id");
            if (id == null || !BACKUP_ID.matcher(id).matches()) {
                LOGGER.error(notAnId(id));
                return null;
            }
            Path file = local(dataDirectory, id);
            LOGGER.info("The running ledger is copying its data file into {} (writes go on meanwhile)",
                        file.getParent());
            Path dataFile = BackupManifest.dataFile(dataDirectory);
            Duration patience = patience(Files.isRegularFile(dataFile) ? Files.size(dataFile) : 0);
            Instant deadline = Instant.now().plus(patience);
            Document status = new Document(DataFileBackup.COMMAND, "status").append("id", id);
            Document state = admin.runCommand(status);
            while ("copying".equals(state.getString("state"))) {
                if (Instant.now().isAfter(deadline)) {
                    LOGGER.error("The running ledger has not finished its backup {} after {} min: the server may still"
                                         + " be copying (its log says when it is done, or why it failed); its copy is"
                                         + " {}. Look there later, or run this again", id, patience.toMinutes(),
                                 file);
                    return null;
                }
                Thread.sleep(200);
                state = admin.runCommand(status);
            }
            if (!"done".equals(state.getString("state"))) {
                LOGGER.error("The backup failed: {}", state.getString("error"));
                return null;
            }
            try {
                copyOf(dataDirectory, state.getString("id"), state.getString("file"));
            } catch (IllegalStateException e) {
                LOGGER.error("{}", e.getMessage());
                return null;
            }
            if (!id.equals(state.getString("id"))) {
                LOGGER.error("The server on port {} answered for backup {} when asked for {}: not this ledger's "
                                     + "embedded server?", mongoPort, state.getString("id"), id);
                return null;
            }
            return state;
        }
    }

    /**
     * Where the running server's backup {@code id} is, built here: {@code <data-dir>/backups/<id>/ledger.mv}. The
     * server's answer names the file too, but a path from the wire is not trusted (a server that is not this
     * ledger's could name any file, which would then be moved): {@code id} must be one the embedded server makes (its
     * start time, {@code 20261205T141055.123Z}), and the file it names must be that one.
     */
    static Path copyOf(Path dataDirectory, String id, String file) {
        if (id == null || !BACKUP_ID.matcher(id).matches()) {
            throw new IllegalStateException(notAnId(id));
        }
        Path local = local(dataDirectory, id);
        Path named = file == null ? null : Path.of(file).toAbsolutePath().normalize();
        if (named == null || !named.equals(local) && !sameFile(named, local)) {
            throw new IllegalStateException("The ledger's server keeps its backup at " + file + ", not in --data-dir "
                                                    + dataDirectory.toAbsolutePath() + " (" + local + "): run this "
                                                    + "again with its --data-dir, so that its signing key is taken "
                                                    + "too");
        }
        return local;
    }

    private static Path local(Path dataDirectory, String id) {
        return dataDirectory.resolve(DataFileBackup.BACKUPS_FOLDER).resolve(id).resolve(BackupManifest.DATA_FILE)
                            .toAbsolutePath().normalize();
    }

    private static String notAnId(String id) {
        return "The server answered a backup id that this ledger's embedded server does not make (" + id + "): "
               + "nothing taken from it. Is it this ledger's embedded server?";
    }

    private static boolean sameFile(Path one, Path other) {
        try {
            return Files.exists(one) && Files.exists(other) && Files.isSameFile(one, other);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * How long to wait for the server's copy: 10 minutes and the time to read the data file twice (copied, then
     * checked) at 5 MB/s, a slow disk's pace.
     */
    static Duration patience(long dataFileBytes) {
        return Duration.ofMinutes(10).plusSeconds(2 * dataFileBytes / (5L << 20));
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
