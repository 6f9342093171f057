package org.consensusledger.launcher;

import org.consensusledger.embedded.EmbeddedMongoServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * Runs the whole ledger with one command: the embedded MongoDB-compatible server with its data under
 * {@code ./data} (or a real MongoDB given by {@code MONGODB_URI}), the command side and the query side. Ctrl-C stops
 * the applications first and closes the data file last, so nothing acknowledged is lost and the next start finds it.
 * An application that crashes is started again; the applications stop by themselves when the launcher is killed, and
 * a launcher started after one was killed stops what that one left running ({@link Applications}, {@link PidFile}).
 */
@Command(name = "consensus-ledger", mixinStandardHelpOptions = true,
         subcommands = {BackupCommand.class, RestoreCommand.class, // docs/operations.md, Backup and restore
                        KeyCommand.class, RotateKeyCommand.class}, // The keys directory, Key rotation
         description = "Runs Consensus Ledger: the event log's MongoDB, the command side and the query side.")
public final class LedgerLauncher implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(LedgerLauncher.class);
    private static final String DATABASE = "consensus-ledger";
    /** How long an application an earlier launcher left running is given to stop on SIGTERM before it is killed. */
    private static final Duration LEFTOVER_GRACE = Duration.ofSeconds(10);

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "Where the embedded server keeps the ledger, readable by its owner only "
                    + "(default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

    @Option(names = "--keys", defaultValue = "${env:LEDGER_KEYS_DIR}",
            description = "Where the signing keys are kept, readable by their owner only, one folder per ledger "
                    + "(default: the LEDGER_KEYS_DIR variable, else a folder keys beside the data directory).")
    private Path keysDirectory;

    @Option(names = "--origin", defaultValue = "${env:LEDGER_AUDIT_ORIGIN}",
            description = "The log's origin, its stable name in every checkpoint and its key's name: a schema-less URL "
                    + "such as ledger.example.org/log, given at the first start (default: the LEDGER_AUDIT_ORIGIN "
                    + "variable, else a made-up one); recorded then, and one that differs from it later is refused.")
    private String origin;

    @Option(names = "--mongodb-uri", defaultValue = "${env:MONGODB_URI}",
            description = "Use this MongoDB instead of the embedded server (default: the MONGODB_URI variable).")
    private String mongoUri;

    @Option(names = "--mongodb-port", defaultValue = "27027",
            description = "Port of the embedded server on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    private int mongoPort;

    @Option(names = "--address", defaultValue = "${env:LEDGER_ADDRESS:-127.0.0.1}",
            description = "The address both applications listen on (default: ${DEFAULT-VALUE}, this machine only; "
                    + "0.0.0.0 for every interface: they speak plain HTTP, so only behind a TLS proxy or on a network "
                    + "you trust).")
    private String address;

    @Option(names = "--command-port", defaultValue = "8081", description = "Command side HTTP port.")
    private int commandPort;

    @Option(names = "--query-port", defaultValue = "8082", description = "Query side HTTP port.")
    private int queryPort;

    @Option(names = "--command-management-port", defaultValue = "9081",
            description = "Command side management port on 127.0.0.1: health details (default: ${DEFAULT-VALUE}).")
    private int commandManagementPort;

    @Option(names = "--query-management-port", defaultValue = "9082",
            description = "Query side management port on 127.0.0.1: health details and Prometheus metrics "
                    + "(default: ${DEFAULT-VALUE}).")
    private int queryManagementPort;

    @Option(names = "--apps-dir", description = "Where the two application jars are (default: apps/ beside this jar).")
    private Path appsDirectory;

    @Option(names = "--command-side-java-options", defaultValue = "${env:COMMAND_SIDE_JAVA_OPTIONS:-}",
            description = "JVM options of the command side (default: the COMMAND_SIDE_JAVA_OPTIONS variable, or none).")
    private String commandSideJavaOptions;

    @Option(names = "--query-side-java-options",
            defaultValue = "${env:QUERY_SIDE_JAVA_OPTIONS:-" + Applications.QUERY_SIDE_JAVA_OPTIONS + "}",
            description = "JVM options of the query side (default: the QUERY_SIDE_JAVA_OPTIONS variable, or "
                    + "${DEFAULT-VALUE}: the throughput collector, for projections and replays).")
    private String querySideJavaOptions;

    @Option(names = "--startup-timeout", defaultValue = "PT3M",
            description = "How long an application may go without progress (its CPU time growing) before it is up; "
                    + "a start that keeps making progress is waited for however long it takes, one stuck this long "
                    + "fails the start, or is killed and tried again once the ledger runs (default: "
                    + "${DEFAULT-VALUE}).")
    private Duration startupTimeout;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LedgerLauncher()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path apps = appsDirectory != null ? appsDirectory : besideThisJar().resolve("apps");
        for (String jar : List.of("command-side.jar", "query-side.jar")) {
            if (!Files.isRegularFile(apps.resolve(jar))) {
                LOGGER.error("{} is missing from {}: build the project first (mvn -DskipTests package)", jar, apps);
                return 2;
            }
        }
        // The data file and the console's sessions are each as good as the ledger's own access.
        DataDirectory.ownerOnly(dataDirectory);
        PidFile pids = new PidFile(dataDirectory);
        Optional<ProcessHandle> other = pids.runningLauncher();
        if (other.isPresent()) {
            LOGGER.error("Another launcher (pid {}) is running the ledger with its data in {}: stop it first (Ctrl-C "
                                 + "in its terminal, or kill {})", other.get().pid(), dataDirectory.toAbsolutePath(),
                         other.get().pid());
            return 2;
        }
        // The signing keys live apart from the data (a key of the earlier layout is moved there), owner-only.
        Path keys = KeysDirectory.of(keysDirectory, dataDirectory);
        String logOrigin;
        try {
            // Asked before an earlier layout's key leaves the data directory: only such a ledger adopts its key's name.
            boolean earlierLedger = LogOrigin.holdsEarlierLedger(dataDirectory);
            KeysDirectory.prepare(keys, dataDirectory);
            logOrigin = LogOrigin.resolve(dataDirectory, keys, origin, earlierLedger);
        } catch (IllegalStateException e) {
            LOGGER.error(e.getMessage());
            return 2;
        }
        LOGGER.info("The log's origin: {} (signing keys in {})", logOrigin, keys.toAbsolutePath());
        try {
            // What a killed launcher left running is stopped before anything of this one starts: it holds the ports
            // and would connect to the embedded server again.
            pids.stopLeftovers(LEFTOVER_GRACE);
            Ports.requireFree(address, commandPort, "the command side's HTTP port", "--command-port");
            Ports.requireFree(address, queryPort, "the query side's HTTP port", "--query-port");
            Ports.requireFree("127.0.0.1", commandManagementPort, "the command side's management port",
                              "--command-management-port");
            Ports.requireFree("127.0.0.1", queryManagementPort, "the query side's management port",
                              "--query-management-port");
        } catch (Ports.InUse | IllegalStateException e) {
            LOGGER.error(e.getMessage());
            return 1;
        }
        EmbeddedMongoServer embedded = null;
        String uri;
        if (mongoUri == null || mongoUri.isBlank()) {
            embedded = EmbeddedMongoServer.durable(dataDirectory.resolve("ledger.mv"), "127.0.0.1", mongoPort);
            uri = embedded.connectionString() + "/" + DATABASE;
        } else {
            uri = mongoUri;
            LOGGER.info("Using the MongoDB at {}", redacted(uri));
        }
        Applications applications = new Applications(apps, uri, address, pids);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown(applications, embedded), "ledger-shutdown"));

        // The console's sessions are kept with the data across a restart (written when the command side stops),
        // so that the co-chairs' screens carry on without signing in again.
        // The directory is the owner's alone: the file in it names the sessions, each as good as a signed-in account.
        Path sessions = DataDirectory.ownerOnly(dataDirectory.resolve("console-sessions"));
        // A secretariat account made when none can sign in (first start) has its token written there, owner-only.
        applications.add("command-side", commandPort, commandManagementPort, commandSideJavaOptions,
                         "--server.servlet.session.persistent=true",
                         "--server.servlet.session.store-dir=" + sessions.toAbsolutePath(),
                         "--ledger.accounts.first-token-file="
                                 + dataDirectory.resolve("first-secretariat-token").toAbsolutePath(),
                         "--ledger.audit.origin=" + logOrigin,
                         "--ledger.receipts.key-file=" + keys.resolve(KeysDirectory.RECEIPT_KEY).toAbsolutePath());
        // The key that signs the log's checkpoints lives in the keys directory (created on first start, owner-only).
        applications.add("query-side", queryPort, queryManagementPort, querySideJavaOptions,
                         "--ledger.audit.key-file=" + keys.resolve(KeysDirectory.CHECKPOINT_KEY).toAbsolutePath(),
                         "--ledger.audit.origin=" + logOrigin,
                         "--ledger.audit.public-base-url=http://localhost:" + queryPort,
                         // The tree compares each leaf with its receipt, checked with the command side's key (its
                         // verifier key, written beside the receipt key at every start of the command side).
                         "--ledger.audit.receipt-vkey="
                                 + keys.resolve(KeysDirectory.RECEIPT_KEY).toAbsolutePath() + ".pub");
        applications.startAll();
        if (!applications.awaitStarted(startupTimeout)) {
            return 1;
        }
        // The keys exist now (the applications create them on first start): their fingerprints, for publication.
        KeysDirectory.describe(keys).forEach(line -> LOGGER.info("The {}. Publish it where auditors find it apart from "
                                                                         + "this ledger (docs/operations.md)", line));
        LOGGER.info("Consensus Ledger is running. Command side (API): http://localhost:{}  Query side (public "
                            + "audit trail): http://localhost:{}  Event log: {}. Press Ctrl-C to stop.",
                    commandPort, queryPort, embedded != null ? "embedded, data in " + dataDirectory.toAbsolutePath()
                                                             : redacted(uri));
        // From here on a crashed application is started again; the ledger runs until it is asked to stop.
        applications.supervise(startupTimeout);
        applications.awaitStopped();
        return 0;
    }

    private static Runnable shutdown(Applications applications, EmbeddedMongoServer embedded) {
        return () -> {
            LOGGER.info("Stopping the ledger");
            applications.stopAll(Duration.ofSeconds(60));
            if (embedded != null) {
                embedded.close();
            }
            LOGGER.info("Stopped");
        };
    }

    private static Path besideThisJar() throws URISyntaxException {
        return Path.of(LedgerLauncher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
    }

    /** A connection string without its password, for logs. */
    static String redacted(String uri) {
        return uri.replaceAll("://([^:@/]+):[^@/]*@", "://$1:***@");
    }
}
