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
import java.util.concurrent.Callable;

/**
 * Runs the whole ledger with one command: the embedded MongoDB-compatible server with its data under
 * {@code ./data} (or a real MongoDB given by {@code MONGODB_URI}), the command side and the query side. Ctrl-C stops
 * the applications first and closes the data file last, so nothing acknowledged is lost and the next start finds it.
 */
@Command(name = "consensus-ledger", mixinStandardHelpOptions = true,
         subcommands = {BackupCommand.class, RestoreCommand.class}, // docs/operations.md, Backup and restore
         description = "Runs Consensus Ledger: the event log's MongoDB, the command side and the query side.")
public final class LedgerLauncher implements Callable<Integer> {

    private static final Logger LOGGER = LoggerFactory.getLogger(LedgerLauncher.class);
    private static final String DATABASE = "consensus-ledger";

    @Option(names = "--data-dir", defaultValue = "${env:LEDGER_DATA_DIR:-data}",
            description = "Where the embedded server keeps the ledger, readable by its owner only "
                    + "(default: ${DEFAULT-VALUE}).")
    private Path dataDirectory;

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
            description = "How long to wait for both sides to report healthy (default: ${DEFAULT-VALUE}).")
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
        // The data file, the signing key and the console's sessions are each as good as the ledger's own access.
        DataDirectory.ownerOnly(dataDirectory);
        EmbeddedMongoServer embedded = null;
        String uri;
        if (mongoUri == null || mongoUri.isBlank()) {
            embedded = EmbeddedMongoServer.durable(dataDirectory.resolve("ledger.mv"), "127.0.0.1", mongoPort);
            uri = embedded.connectionString() + "/" + DATABASE;
        } else {
            uri = mongoUri;
            LOGGER.info("Using the MongoDB at {}", redacted(uri));
        }
        Applications applications = new Applications(apps, uri, address);
        Runtime.getRuntime().addShutdownHook(new Thread(shutdown(applications, embedded), "ledger-shutdown"));

        // The console's sessions are kept with the data across a restart (written when the command side stops),
        // so that the co-chairs' screens carry on without signing in again.
        // The directory is the owner's alone: the file in it names the sessions, each as good as a signed-in account.
        Path sessions = DataDirectory.ownerOnly(dataDirectory.resolve("console-sessions"));
        // A secretariat account made when none can sign in (first start) has its token written there, owner-only.
        applications.start("command-side", commandPort, commandManagementPort, commandSideJavaOptions,
                           "--server.servlet.session.persistent=true",
                           "--server.servlet.session.store-dir=" + sessions.toAbsolutePath(),
                           "--ledger.accounts.first-token-file="
                                   + dataDirectory.resolve("first-secretariat-token").toAbsolutePath());
        // The key that signs the log's checkpoints lives with the data (created on first start, owner-only).
        applications.start("query-side", queryPort, queryManagementPort, querySideJavaOptions,
                           "--ledger.audit.key-file="
                                   + dataDirectory.resolve("checkpoint-signing.key").toAbsolutePath(),
                           "--ledger.audit.public-base-url=http://localhost:" + queryPort);
        if (!applications.awaitHealthy(startupTimeout)) {
            return 1;
        }
        LOGGER.info("Consensus Ledger is running. Command side (API): http://localhost:{}  Query side (public "
                            + "audit trail): http://localhost:{}  Event log: {}. Press Ctrl-C to stop.",
                    commandPort, queryPort, embedded != null ? "embedded, data in " + dataDirectory.toAbsolutePath()
                                                             : redacted(uri));
        String failed = applications.awaitFirstExit();
        if (failed == null) {
            return 0;
        }
        LOGGER.error("The {} stopped unexpectedly; stopping the ledger", failed);
        return 1;
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
