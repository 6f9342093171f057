package org.consensusledger.verifier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The auditor's command line: verifies an export of the ledger's event log against its signed checkpoints. See
 * docs/audit.md, "The verifier". Exit codes: 0 verified, 1 a mismatch, 2 unusable input.
 */
@Command(name = "consensus-ledger-verifier", mixinStandardHelpOptions = true,
         versionProvider = VerifierCommand.Version.class, sortOptions = false, usageHelpAutoWidth = true,
         description = {
                 "Verifies the ledger's event log without trusting its operator: recomputes the leaf of every "
                         + "exported event, the Merkle root at the size of the latest signed checkpoint and of "
                         + "every saved checkpoint, and (with --server) checks the server's consistency proofs and "
                         + "rebuilds every proposal's dossier from the events to compare it with the published one.",
                 "A source is a file path or an http(s) URL."},
         exitCodeListHeading = "%nExit codes:%n",
         exitCodeList = {"0:everything verified", "1:a mismatch (FAILED ... on stdout)",
                 "2:unusable input (unreadable source, malformed checkpoint or key, bad options)"})
public final class VerifierCommand implements Callable<Integer> {

    static final int VERIFIED = 0;
    static final int MISMATCH = 1;
    static final int UNUSABLE = 2;

    static final String EVENTS_PATH = "/api/audit/events";
    static final String CHECKPOINT_PATH = "/api/audit/checkpoint";
    static final String VKEY_PATH = "/api/audit/vkey";

    @Option(names = "--events", paramLabel = "<source>",
            description = "the NDJSON export, one stored event per line in global order (default with --server: "
                    + "<base URL>" + EVENTS_PATH + ")")
    String events;

    @Option(names = "--checkpoint", paramLabel = "<source>",
            description = "the latest signed checkpoint (default with --server: <base URL>" + CHECKPOINT_PATH + ")")
    String checkpoint;

    @Option(names = "--vkey", paramLabel = "<source|key>",
            description = "the log's verifier key <name>+<hex8>+<base64>, or a file or URL holding it (default "
                    + "with --server: <base URL>" + VKEY_PATH + ")")
    String vkey;

    @Option(names = "--key-announcement", paramLabel = "<source>",
            description = "a checkpoint that announces the log's next key, signed by the key before it and the new "
                    + "one: trusted only through a key already trusted (with --server, the announcements of "
                    + "<base URL>" + LogKeys.KEYS_PATH + " are followed too); repeatable")
    List<String> keyAnnouncements = new ArrayList<>();

    @Option(names = "--saved", paramLabel = "<file>",
            description = "a signed checkpoint saved earlier; repeatable")
    List<String> saved = new ArrayList<>();

    @Option(names = "--server", paramLabel = "<base URL>",
            description = "the query side, e.g. http://localhost:8082: the defaults of the three sources above; its "
                    + "consistency proof from each saved checkpoint to the latest is verified too, and every dossier "
                    + "it publishes is compared with the one the export's events make")
    String server;

    @Option(names = "--meeting", paramLabel = "<id>",
            description = "with --server: also check the checkpoint that seals this meeting's minutes (read from the "
                    + "meeting's events): the log must still extend it, and its closing and sealing must be the "
                    + "export's events at their positions; repeatable")
    List<String> meetings = new ArrayList<>();

    @Option(names = "--event", paramLabel = "<position>",
            description = "with --server: check only this event's inclusion proof against the latest signed "
                    + "checkpoint (its leaf recomputed from the event), and the consistency of the saved and "
                    + "meetings' checkpoints with it by the server's proofs; the export is not read")
    Long event;

    @Option(names = "--require-saved-checkpoint",
            description = "refuse to run (exit 2) without a checkpoint saved earlier (--saved, or the one remembered "
                    + "from the last verified run): without one, a log rewritten by its operator would pass")
    boolean requireSaved;

    @Option(names = "--max-age", paramLabel = "<duration>", defaultValue = "24h",
            description = "refuse a latest checkpoint signed longer ago than this (90s, 2h, 1d, an ISO-8601 duration "
                    + "such as PT2H, or none; default: ${DEFAULT-VALUE}): a stale view may hide newer events")
    String maxAge;

    @Option(names = "--state", paramLabel = "<file>",
            description = "where the verifier remembers the last checkpoint it verified for this log (default: "
                    + "$XDG_STATE_HOME or ~/.local/state, then " + StateFile.DIRECTORY + "/<origin>"
                    + StateFile.SUFFIX + ")")
    Path state;

    @Option(names = "--no-state",
            description = "neither read nor write the remembered checkpoint")
    boolean noState;

    @Option(names = "--no-dossiers",
            description = "with --server: do not compare the dossiers it publishes with the ones the export's events "
                    + "make")
    boolean noDossiers;

    @Option(names = "--witness", paramLabel = "<vkey|source>",
            description = "a witness whose cosignature the latest checkpoint must carry: its cosigner key "
                    + "<name>+<hex8>+<base64> (C2SP tlog-cosignature/v1), or a file or https URL holding it; repeatable, "
                    + "each witness once")
    List<String> witnesses = new ArrayList<>();

    @Option(names = "--witnesses-required", paramLabel = "<k>",
            description = "how many of the --witness keys must have cosigned the latest checkpoint (default: all)")
    Integer witnessesRequired;

    @Option(names = "--threads", paramLabel = "<n>",
            description = "threads hashing leaves (default: the number of processors)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--receipt", paramLabel = "<source>",
            description = "a receipt a command's answer carried (the signed note, or the saved JSON answer), file or "
                    + "URL; repeatable: each must be signed by the receipt key, match the export, and be in the "
                    + "latest checkpoint once its merge-by has passed. With --server every receipt it serves is "
                    + "checked too")
    private List<String> receipts = new ArrayList<>();

    @Option(names = "--receipt-vkey", paramLabel = "<source|key>",
            description = "the command side's receipt verifier key, as text, file or URL (default with --server: "
                    + "<base URL>" + ReceiptChecks.VKEY_PATH + ")")
    private String receiptVkey;

    @Option(names = {"-q", "--quiet"}, description = "no progress on stderr")
    boolean quiet;

    private PrintWriter out;
    private PrintWriter err;
    private Map<String, String> environment = System.getenv();
    private Path home = Path.of(System.getProperty("user.home"));

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(out, err, args));
    }

    /** Runs the command with the given output streams and returns its exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), Path.of(System.getProperty("user.home")), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with the environment and home the state is found by. */
    static int run(PrintWriter out, PrintWriter err, Map<String, String> environment, Path home, String... args) {
        VerifierCommand command = new VerifierCommand();
        command.out = out;
        command.err = err;
        command.environment = environment;
        command.home = home;
        CommandLine line = new CommandLine(command).setOut(out).setErr(err);
        line.setExitCodeExceptionMapper(e -> UNUSABLE);
        int code = line.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() {
        boolean[] nothingSaved = {false};
        boolean[] keysFromServer = {false};
        try {
            LogVerifier.Inputs inputs = inputs(() -> nothingSaved[0] = true, () -> keysFromServer[0] = true);
            ReceiptChecks receiptChecks = event != null ? ReceiptChecks.none()
                    : new ReceiptChecks(receipts, receiptVkey, inputs.server(), Instant.now());
            LogVerifier.Result result = LogVerifier.verify(inputs, event != null ? Progress.of(err, true)
                    : Progress.of(err, quiet), receiptChecks);
            warnIf(nothingSaved[0]);
            if (keysFromServer[0]) {
                err.println(serverKeyChainWarning(vkey));
                err.flush();
            }
            out.println(verdict(result) + result.cosigned().verdict() + receiptChecks.summary());
            out.flush();
            if (inputs.memory().state() != null) {
                remember(inputs.memory().state(), result);
            }
            if (nothingSaved[0]) {
                err.println(noSavedCheckpointWarning(server));
            }
            if (keysFromServer[0]) {
                err.println(serverKeyChainWarning(vkey));
            }
            if (!quiet && event == null) {
                err.printf("checked %,d events in %.1f s (%,.0f events/s)%n", result.events(),
                           result.elapsedNanos() / 1e9, result.eventsPerSecond());
            }
            return VERIFIED;
        } catch (LogMismatch e) {
            warnIf(nothingSaved[0]);
            out.println(e.verdict());
            out.flush();
            if (nothingSaved[0]) {
                err.println(noSavedCheckpointWarning(server));
            }
            return MISMATCH;
        } catch (UnusableInputException e) {
            if (requireSaved) {
                warnIf(nothingSaved[0]);
            }
            err.println("ERROR: " + e.getMessage());
            return UNUSABLE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Remembers the verified checkpoint for the next run. A state that cannot be written does not undo the verdict
     * (the run still ends VERIFIED, exit 0), but it is said on stderr in a box that cannot be missed: the next run
     * will not compare the log with this one.
     */
    private void remember(StateFile state, LogVerifier.Result result) {
        try {
            Path file = state.write(result.latest(), result.keyName());
            if (!quiet) {
                err.println("Remembered the latest checkpoint (size " + result.latest().size() + ") in " + file
                                    + ": the next run refuses a log that does not extend it.");
            }
        } catch (UnusableInputException e) {
            err.println(stateNotWrittenWarning(e.getMessage()));
        }
    }

    /** The loud warning of a run with nothing saved, just before its verdict (and again after it). */
    private void warnIf(boolean nothingSaved) {
        if (nothingSaved) {
            err.println(noSavedCheckpointWarning(server));
            err.flush();
        }
    }

    private LogVerifier.Inputs inputs(Runnable nothingSaved, Runnable keysFromServer) throws UnusableInputException {
        String base = server == null ? null : server.replaceAll("/+$", "");
        if (base != null && !Source.isUrl(base)) {
            throw new UnusableInputException("--server needs an http(s) URL, not \"" + server + "\"");
        }
        String eventsSource = orDefault(events, base, EVENTS_PATH, "--events");
        String checkpointSource = orDefault(checkpoint, base, CHECKPOINT_PATH, "--checkpoint");
        String key = orDefault(vkey, base, VKEY_PATH, "--vkey");
        if (!receipts.isEmpty() && receiptVkey == null && base == null) {
            throw new UnusableInputException("--receipt needs --receipt-vkey (the command side's receipt key), or "
                    + "--server whose query side publishes it");
        }
        if (event != null && !receipts.isEmpty()) {
            throw new UnusableInputException("--event proves one event from the server's proofs without reading the "
                    + "export, so it cannot check a receipt: run without --event to check the receipt against the "
                    + "whole log, or without --receipt to prove the event");
        }
        if (threads < 1) {
            throw new UnusableInputException("--threads must be at least 1");
        }
        if (base == null && (!meetings.isEmpty() || event != null)) {
            throw new UnusableInputException((event != null ? "--event" : "--meeting") + " needs --server");
        }
        if (event != null && event < 0) {
            throw new UnusableInputException("--event must be a position, 0 or more");
        }
        if (noState && state != null) {
            throw new UnusableInputException("--state and --no-state contradict each other");
        }
        Freshness freshness = Freshness.parse(maxAge);
        List<Source> savedSources = saved.stream().map(Source::new).collect(Collectors.toList());
        LogVerifier.Memory memory = new LogVerifier.Memory(noState ? null : new StateFile(state, environment, home),
                                                           freshness, requireSaved, nothingSaved, keysFromServer);
        return new LogVerifier.Inputs(new Source(eventsSource), new Source(checkpointSource), key, savedSources,
                                      base, threads, !noDossiers, List.copyOf(meetings), event, memory,
                                      WitnessQuorum.of(witnesses, witnessesRequired),
                                      keyAnnouncements.stream().map(Source::new).toList());
    }

    private static String orDefault(String given, String base, String path, String option)
            throws UnusableInputException {
        if (given != null) {
            return given;
        }
        if (base == null) {
            throw new UnusableInputException(option + " is needed (or --server)");
        }
        return base + path;
    }

    /**
     * The warning of a run with nothing saved (no --saved, nothing remembered), boxed so that it cannot be missed, on
     * stderr before the checks and again after the verdict: what such a run cannot show, and what to do.
     */
    static String noSavedCheckpointWarning(String server) {
        String base = server == null ? "<server>" : server.replaceAll("/+$", "");
        List<String> lines = List.of(
                "WARNING: NO SAVED CHECKPOINT: NOTHING TO COMPARE THIS LOG WITH.",
                "This run is checked only against the checkpoint the server signs now. An operator",
                "who rewrote the log, recomputed every leaf and signed a fresh checkpoint, or who",
                "rolled it back, would pass it too. Only a checkpoint verified earlier shows that",
                "the log has only grown since.",
                "After a VERIFIED run this verifier remembers the latest checkpoint (unless",
                "--no-state) and checks the next run against it. Keep a copy outside this machine:",
                "    curl -s " + base + CHECKPOINT_PATH + " > checkpoint-$(date +%Y%m%d).txt",
                "and pass it with --saved checkpoint-<date>.txt. --require-saved-checkpoint makes",
                "a run with nothing saved fail.");
        return box(lines);
    }

    /**
     * The warning of a run that trusted a newer key of the log on the server's list alone, with nothing saved or
     * remembered (docs/audit.md, Key rotation), boxed like the one above: a retired key that leaked would let whoever
     * holds it hand the log on to a key of its own, and this run could not tell.
     */
    static String serverKeyChainWarning(String given) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "WARNING: THE LOG'S CURRENT KEY WAS TAKEN ON THE SERVER'S WORD.",
                "The key given (--vkey) has been retired: the server listed the announcement that",
                "hands the log on to a newer key, and nothing saved or remembered confirms it. If",
                "the retired key leaked, whoever holds it could announce a key of their own and",
                "show a log that key signs; this run could not tell. Give the NEWEST key whose",
                "fingerprint the log's operator published (not only the server), as --vkey, or",
                "keep a checkpoint signed by it (--saved). The key given:"));
        lines.addAll(wrap(given == null ? "(the server's /api/audit/vkey)" : given, 84));
        return box(lines);
    }

    /** The warning of a VERIFIED run whose checkpoint could not be remembered, boxed like the one above. */
    static String stateNotWrittenWarning(String reason) {
        List<String> lines = new java.util.ArrayList<>(List.of(
                "WARNING: THE VERIFIED CHECKPOINT WAS NOT REMEMBERED.",
                "The verdict stands, but the next run cannot compare the log with this one: a",
                "rollback or a rewrite since would go unseen unless you keep the checkpoint",
                "yourself (--saved) or give --state a file of your own that can be written.",
                "Why:"));
        lines.addAll(wrap(reason, 84));
        return box(lines);
    }

    /** {@code text} cut at spaces into lines of at most {@code width} characters (a longer word stays whole). */
    private static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder("  ");
        for (String word : text.split(" ")) {
            if (line.length() > 2 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line = new StringBuilder("  ");
            }
            line.append(line.length() > 2 ? " " : "").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String box(List<String> lines) {
        int width = lines.stream().mapToInt(String::length).max().orElse(0);
        String rule = "!".repeat(width + 4);
        StringBuilder box = new StringBuilder(System.lineSeparator()).append(rule).append(System.lineSeparator());
        for (String line : lines) {
            box.append("! ").append(line).append(" ".repeat(width - line.length())).append(" !")
               .append(System.lineSeparator());
        }
        return box.append(rule).append(System.lineSeparator()).toString();
    }

    static String verdict(LogVerifier.Result result) {
        StringBuilder verdict = new StringBuilder();
        if (result.event() != null) {
            EventProof.Included event = result.event();
            verdict.append(String.format("VERIFIED event %d (%s, leaf hash %s) is in the log of size %d whose root "
                                                 + "%s is signed by %s",
                                         event.position(), event.payloadType(),
                                         java.util.HexFormat.of().formatHex(event.leafHash()),
                                         result.latest().size(), LogVerifier.base64(result.latest().root()),
                                         result.keyName()));
            appendEarlier(verdict, result);
            return verdict.toString();
        }
        verdict.append(String.format("VERIFIED %,d events; root %s of size %d matches the checkpoint signed by %s",
                                     result.events(), LogVerifier.base64(result.latest().root()),
                                     result.latest().size(), result.keyName()));
        appendEarlier(verdict, result);
        MinutesCheckpoints.Outcome minutes = result.minutes();
        if (minutes != null && minutes.checkpoints() > 0) {
            verdict.append(minutes.checkpoints() == 1 ? "; the checkpoint recorded in the minutes of "
                                   : "; the " + minutes.checkpoints() + " checkpoints recorded in the minutes of ")
                   .append(minutes.meetings() == 1 ? "1 meeting" : minutes.meetings() + " meetings")
                   .append(minutes.checkpoints() == 1 ? " is " : " are ")
                   .append("consistent with it (the export's roots at their sizes)");
        }
        PublishedDossiers.Outcome dossiers = result.dossiers();
        if (dossiers != null) {
            verdict.append(String.format(dossiers.matched() == 1 ? "; %,d published dossier is the one its events make"
                                                 : "; %,d published dossiers are the ones their events make",
                                         dossiers.matched()));
            if (dossiers.changedSinceExport() > 0) {
                verdict.append(String.format(" (%,d changed after the export and were not compared)",
                                             dossiers.changedSinceExport()));
            }
        }
        long uncovered = result.events() - result.latest().size();
        if (uncovered > 0) {
            verdict.append(String.format("; %,d later events are not yet covered by a signed checkpoint",
                                         uncovered));
        }
        return verdict.toString();
    }

    /** The saved checkpoints and the meetings' seals found consistent with the latest checkpoint. */
    private static void appendEarlier(StringBuilder verdict, LogVerifier.Result result) {
        Freshness.SignedTime signed = result.signedTime();
        if (signed != null) {
            verdict.append(String.format(" at %s (%s ago)", signed.time(), Freshness.describe(
                    java.time.Duration.between(signed.time(), java.time.Instant.now()))));
        }
        TrustedCheckpoint remembered = result.remembered();
        if (remembered != null) {
            verdict.append("; the checkpoint verified last time (size ").append(remembered.size())
                   .append(") is consistent with it");
        }
        List<TrustedCheckpoint> saved = result.saved().stream().filter(c -> c != remembered).toList();
        if (!saved.isEmpty()) {
            String sizes = saved.stream().map(c -> Long.toString(c.size())).collect(Collectors.joining(", "));
            verdict.append(saved.size() == 1
                                   ? "; 1 saved checkpoint (size " + sizes + ") is consistent with it"
                                   : "; " + saved.size() + " saved checkpoints (sizes " + sizes
                                           + ") are consistent with it");
            if (result.serverProofsChecked()) {
                verdict.append(result.event() != null ? " by the server's consistency proofs"
                                       : ", and so are the server's consistency proofs");
            }
        }
        for (MeetingSeal seal : result.meetings()) {
            verdict.append(String.format("; the checkpoint that seals the minutes of meeting %s (size %d) is "
                                                 + "consistent with it", seal.meetingId(),
                                         seal.checkpoint().size()));
        }
    }

    /** The version from the jar's resources. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties properties = new Properties();
            try (InputStream in = VerifierCommand.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            } catch (IOException e) {
                // fall through to "unknown"
            }
            return new String[] {"consensus-ledger-verifier " + properties.getProperty("version", "unknown")};
        }
    }
}
