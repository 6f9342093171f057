package org.consensusledger.verifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The verifier that remembers (docs/audit.md "The verifier's memory") and refuses a stale view ("Freshness"): runs
 * one after the other with one state directory, against a small HTTP server in the test whose log the test's
 * "operator" swaps between runs (rolled back, forked, rewritten), all signed with the log's one key.
 */
class MemoryTest {

    private static final int SIZE = 600;
    private static SyntheticLog honest;

    @TempDir
    Path stateHome;
    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicReference<SyntheticLog> served = new AtomicReference<>();
    /** The size of the checkpoint served (the whole log when null), and its signing time. */
    private final AtomicReference<Long> servedSize = new AtomicReference<>();
    private final AtomicReference<Instant> servedTime = new AtomicReference<>();

    @BeforeAll
    static void honestLog() {
        honest = SyntheticLog.generate(SIZE);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Serves the log of {@link #served}, its checkpoint at {@link #servedSize} signed at {@link #servedTime}. */
    private String serve(SyntheticLog log) throws IOException {
        served.set(log);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/audit/events", exchange -> {
            StringBuilder body = new StringBuilder();
            served.get().lines().forEach(line -> body.append(line).append('\n'));
            text(exchange, body.toString());
        });
        server.createContext("/api/audit/checkpoint", exchange -> {
            SyntheticLog now = served.get();
            long size = servedSize.get() == null ? now.size() : servedSize.get();
            text(exchange, now.checkpoint(size, servedTime.get() == null ? Instant.now() : servedTime.get()));
        });
        server.createContext("/api/audit/vkey", exchange -> text(exchange, served.get().vkey() + "\n"));
        server.createContext("/api/audit/proof/consistency", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            long from = Long.parseLong(query.replaceAll(".*from=(\\d+).*", "$1"));
            long to = Long.parseLong(query.replaceAll(".*to=(\\d+).*", "$1"));
            List<String> hashes = served.get().consistencyProof(from, to).stream()
                                        .map(h -> "\"" + Base64.getEncoder().encodeToString(h) + "\"").toList();
            text(exchange, "{\"from\":" + from + ",\"to\":" + to + ",\"hashes\":[" + String.join(",", hashes) + "]}");
        });
        server.start();
        return "http://localhost:" + server.getAddress().getPort();
    }

    private static void text(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Run run(String base, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "--server";
        args[1] = base;
        args[2] = "--no-dossiers";
        System.arraycopy(more, 0, args, 3, more.length);
        return Run.in(stateHome, args);
    }

    private Path stateFile() {
        return stateHome.resolve("consensus-ledger-verifier").resolve("ledger.example%2Flog.checkpoint");
    }

    /** The same log's first {@code size} events, then other events: what an operator who rewrote them serves. */
    private static SyntheticLog rewrittenAfter(int size, int total) {
        SyntheticLog log = new SyntheticLog(honest.signer());
        log.appendSynthetic(size, 1);
        log.appendSynthetic(total - size, 2);
        return log;
    }

    // ---- remembering -----------------------------------------------------------------------------------------

    @Test
    void aVerifiedRunIsRememberedOwnerOnlyAndAFailedOneIsNot() throws IOException {
        String base = serve(honest);
        servedSize.set(500L);

        Run first = run(base);

        assertThat(first.code()).as(first.toString()).isZero();
        assertThat(first.err()).contains("Remembered the latest checkpoint (size 500) in " + stateFile());
        String remembered = Files.readString(stateFile());
        assertThat(Checkpoint.parse(remembered.substring(0, remembered.indexOf("\n\n") + 1)).size()).isEqualTo(500);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile().getParent())))
                .isEqualTo("rwx------");

        // A run that fails leaves the state as it was: events from 100 on were rewritten.
        served.set(rewrittenAfter(100, SIZE));
        servedSize.set(null);
        Run failed = run(base);
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(Files.readString(stateFile())).isEqualTo(remembered);

        served.set(honest);
        Run second = run(base, "--quiet");
        assertThat(second.code()).as(second.toString()).isZero();
        assertThat(second.out()).contains("; the checkpoint verified last time (size 500) is consistent with it");
        assertThat(second.err()).isEmpty();
        assertThat(Files.readString(stateFile())).contains("\n" + SIZE + "\n");
    }

    @Test
    void aRollbackIsRefused() throws IOException {
        String base = serve(honest);
        assertThat(run(base, "--quiet").code()).isZero();

        servedSize.set(400L);
        Run rolledBack = run(base, "--quiet");

        assertThat(rolledBack.code()).as(rolledBack.toString()).isEqualTo(1);
        assertThat(rolledBack.out().strip()).isEqualTo(
                "FAILED: the log was rolled back: the latest checkpoint is of size 400, smaller than the one this "
                        + "verifier verified last time (size 600, in " + stateFile() + "): events were removed, or "
                        + "you are shown an older view of the log");
    }

    @Test
    void aForkAtTheSameSizeOrLaterIsRefused() throws IOException {
        String base = serve(honest);
        assertThat(run(base, "--quiet").code()).isZero();

        served.set(rewrittenAfter(SIZE - 100, SIZE));
        Run sameSize = run(base, "--quiet");
        assertThat(sameSize.code()).as(sameSize.toString()).isEqualTo(1);
        assertThat(sameSize.out()).startsWith("FAILED: the log forked: the latest checkpoint has the size of the one "
                                                      + "this verifier verified last time (600) but another root (");

        served.set(rewrittenAfter(SIZE - 100, SIZE + 50));
        Run later = run(base, "--quiet");
        assertThat(later.code()).as(later.toString()).isEqualTo(1);
        assertThat(later.out()).startsWith("FAILED: the log forked or was rewritten: the server's consistency proof "
                                                   + "from the checkpoint this verifier verified last time (size 600) "
                                                   + "to the latest checkpoint (size 650) does not verify");
    }

    @Test
    void aRewriteIsCaughtOnTheSecondRunWithoutSaved() throws IOException {
        String base = serve(honest);
        Run first = run(base, "--quiet");
        assertThat(first.code()).as(first.toString()).isZero();

        // The operator rewrites events 100 on, recomputes every leaf and signs a fresh, larger checkpoint; his
        // server also answers with the honest consistency proof (the real one cannot exist).
        SyntheticLog rewritten = rewrittenAfter(100, SIZE + 10);
        served.set(rewritten);
        Run second = run(base, "--quiet");

        assertThat(second.code()).as(second.toString()).isEqualTo(1);
        assertThat(second.out()).startsWith("FAILED: the log forked or was rewritten");
        // Without the server's proofs, the export's own root at the remembered size shows it.
        Path events = SyntheticLog.write(dir.resolve("events.ndjson"), rewritten.lines());
        Path latest = SyntheticLog.write(dir.resolve("latest.txt"), rewritten.checkpoint(rewritten.size()));
        Run offline = Run.in(stateHome, "--events", events.toString(), "--checkpoint", latest.toString(), "--vkey",
                             rewritten.vkey(), "--quiet");
        assertThat(offline.code()).as(offline.toString()).isEqualTo(1);
        assertThat(offline.out()).startsWith("FAILED: the log no longer extends the checkpoint this verifier "
                                                     + "verified last time, of size 600: events before 600 were "
                                                     + "changed");
    }

    @Test
    void theFirstRunWarnsLoudlyBeforeAndAfterItsVerdictAndTheRememberedCheckpointCountsAsSaved()
            throws IOException {
        String base = serve(honest);

        Run strictFirst = run(base, "--quiet", "--require-saved-checkpoint");
        assertThat(strictFirst.code()).as(strictFirst.toString()).isEqualTo(2);
        assertThat(strictFirst.err()).contains("! WARNING: NO SAVED CHECKPOINT",
                                               "ERROR: --require-saved-checkpoint: no checkpoint saved earlier");

        Run first = run(base, "--quiet");
        assertThat(first.code()).as(first.toString()).isZero();
        String box = VerifierCommand.noSavedCheckpointWarning(base);
        assertThat(first.err()).isEqualTo(box + System.lineSeparator() + box + System.lineSeparator());
        assertThat(box.lines().filter(line -> !line.isEmpty()).toList())
                .hasSizeGreaterThan(8)
                .allSatisfy(line -> assertThat(line).startsWith("!").endsWith("!"));

        Run strictSecond = run(base, "--quiet", "--require-saved-checkpoint");
        assertThat(strictSecond.code()).as(strictSecond.toString()).isZero();
        assertThat(strictSecond.err()).doesNotContain("WARNING");

        Run forgetful = run(base, "--quiet", "--no-state");
        assertThat(forgetful.err()).contains("WARNING: NO SAVED CHECKPOINT");
    }

    // ---- a state file that cannot be trusted ------------------------------------------------------------------

    @Test
    void aHostileStateFileIsRefusedInWords() throws IOException {
        String base = serve(honest);
        Files.createDirectories(stateFile().getParent());

        Files.writeString(stateFile(), "garbage\n");
        Files.setPosixFilePermissions(stateFile(), PosixFilePermissions.fromString("rw-------"));
        Run garbage = run(base, "--quiet");
        assertThat(garbage.code()).as(garbage.toString()).isEqualTo(2);
        assertThat(garbage.err()).contains("ERROR: the verifier's state " + stateFile()
                                                   + " is not a signed checkpoint (", "pass --no-state");

        NoteSigner other = new NoteSigner(KeyText.generate("other.example/log"));
        Files.writeString(stateFile(), other.sign(new Checkpoint("other.example/log", 5, honest.root(5)).format()));
        Run otherLog = run(base, "--quiet");
        assertThat(otherLog.code()).as(otherLog.toString()).isEqualTo(2);
        assertThat(otherLog.err()).contains("holds a checkpoint of the log \"other.example/log\", not of "
                                                    + "\"ledger.example/log\"");

        NoteSigner impostor = new NoteSigner(KeyText.generate(SyntheticLog.LOG_NAME));
        Files.writeString(stateFile(), impostor.sign(new Checkpoint(SyntheticLog.LOG_NAME, 5, honest.root(5))
                                                             .format()));
        Run otherKey = run(base, "--quiet");
        assertThat(otherKey.code()).as(otherKey.toString()).isEqualTo(1);
        assertThat(otherKey.out()).contains("is not signed by the log's key ledger.example/log",
                                            "the log's key is not the one that signed the checkpoint verified "
                                                    + "last time");

        Files.writeString(stateFile(), honest.checkpoint(5));
        Files.setPosixFilePermissions(stateFile(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Run openToOthers = run(base, "--quiet");
        assertThat(openToOthers.code()).as(openToOthers.toString()).isEqualTo(2);
        assertThat(openToOthers.err()).contains("may be changed by other users (mode rw-rw-rw-)", "chmod 600");

        Path elsewhere = SyntheticLog.write(dir.resolve("elsewhere.txt"), honest.checkpoint(5));
        Files.setPosixFilePermissions(elsewhere, PosixFilePermissions.fromString("rw-------"));
        Files.delete(stateFile());
        Files.createSymbolicLink(stateFile(), elsewhere);
        Run link = run(base, "--quiet");
        assertThat(link.code()).as(link.toString()).isEqualTo(2);
        assertThat(link.err()).contains("is a symbolic link");
        assertThat(Files.isSymbolicLink(stateFile())).as("neither followed nor replaced").isTrue();
    }

    @Test
    void anExplicitStateFileIsUsedAndContradictoryOptionsAreRefused() throws IOException {
        String base = serve(honest);
        Path file = dir.resolve("my-state.checkpoint");

        assertThat(run(base, "--quiet", "--state", file.toString()).code()).isZero();
        assertThat(Files.readString(file)).contains("\n" + SIZE + "\n");
        assertThat(stateFile()).doesNotExist();

        Run both = run(base, "--state", file.toString(), "--no-state");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--state and --no-state contradict each other");
    }

    @Test
    void aStateThatCannotBeWrittenLeavesTheVerdictAsItIs() throws IOException {
        String base = serve(honest);
        Path notADirectory = SyntheticLog.write(dir.resolve("file"), "x");

        Run run = run(base, "--quiet", "--state", notADirectory.resolve("state.checkpoint").toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("VERIFIED ");
        // Boxed, so that it cannot be missed: a line of '!' above and below, every line framed.
        String err = run.err().replace(System.lineSeparator(), "\n");
        assertThat(err).containsPattern("\n!{20,}\n! WARNING: THE VERIFIED CHECKPOINT WAS NOT REMEMBERED\\. +!\n")
                       .contains("the next run cannot compare the log with this one");
        int title = err.indexOf("! WARNING: THE VERIFIED CHECKPOINT");
        String box = err.substring(err.lastIndexOf("\n", title - 2) + 1, err.indexOf("!!!!\n", title) + 4);
        assertThat(box).startsWith("!!!!").endsWith("!!!!");
        assertThat(box.lines()).allMatch(line -> line.startsWith("!") && line.endsWith("!"));
        assertThat(box.lines().map(String::length).distinct()).hasSize(1);
        assertThat(box.replaceAll("(\\s*!\\s*)+", " "))
                .contains("cannot write the verifier's state " + notADirectory + "/state.checkpoint");
    }

    @Test
    void aStateOrDirectoryOfAnotherUserIsRefused() throws Exception {
        // The test's own files stand for another user's: the verifier is told it runs as someone else.
        java.nio.file.attribute.UserPrincipal someoneElse = java.nio.file.FileSystems.getDefault()
                .getUserPrincipalLookupService().lookupPrincipalByName(
                        "root".equals(System.getProperty("user.name")) ? "nobody" : "root");
        LogKeys key = LogKeys.of(LogVerifier.logKey(honest.vkey()));
        Path planted = SyntheticLog.write(dir.resolve("x.checkpoint"), honest.checkpoint(5));
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-r--r--"));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        // An old genuine checkpoint planted by another user (mode 644, in a directory the user may use).
        assertThat(new StateFile(planted, java.util.Map.of(), dir, Files.getOwner(planted)).read(key)).isPresent();
        StateFile asSomeoneElse = new StateFile(planted, java.util.Map.of(), dir, someoneElse);
        assertThatThrownBy(() -> asSomeoneElse.read(key)).isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("the verifier's state " + planted + " belongs to another user (")
                .hasMessageContaining("give --state a file of your own");
        // Writing is refused too, and the planted file is left as it was.
        assertThatThrownBy(() -> new StateFile(open.resolve("x.checkpoint"), java.util.Map.of(), dir,
                                               Files.getOwner(planted)).write(TrustedCheckpoint.parse(
                        honest.checkpoint(5), "test", "a checkpoint", key), SyntheticLog.LOG_NAME))
                .isInstanceOf(UnusableInputException.class)
                .hasMessageContaining("the directory of the verifier's state, " + open + ", may be changed by other "
                                              + "users (mode rwxrwxrwx, no sticky bit)");

        // A directory writable by all without the sticky bit: anyone could replace the state in it.
        Path inOpen = SyntheticLog.write(open.resolve("state.checkpoint"), honest.checkpoint(5));
        Files.setPosixFilePermissions(inOpen, PosixFilePermissions.fromString("rw-------"));
        Run refused = Run.of("--events", "e.ndjson", "--checkpoint", "c.txt", "--vkey", honest.vkey(), "--state",
                             inOpen.toString());
        assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).startsWith("ERROR: the directory of the verifier's state, " + open + ", may be "
                                                     + "changed by other users (mode rwxrwxrwx, no sticky bit)");
        // With the sticky bit (as /tmp), only the file's owner may replace it: the state is used.
        Files.setAttribute(open, "unix:mode", 01777);
        Run sticky = Run.of("--events", "e.ndjson", "--checkpoint", "c.txt", "--vkey", honest.vkey(), "--state",
                            inOpen.toString());
        assertThat(sticky.err()).doesNotContain("directory of the verifier's state").contains("c.txt");
    }

    @Test
    void originsBecomeFileNamesThatStayInTheirDirectory() {
        assertThat(StateFile.fileName("ledger.example/log")).isEqualTo("ledger.example%2Flog.checkpoint");
        assertThat(StateFile.fileName("localhost:8082")).isEqualTo("localhost%3A8082.checkpoint");
        assertThat(StateFile.fileName("..")).isEqualTo("%2E..checkpoint");
        assertThat(StateFile.fileName("é/../x")).isEqualTo("%C3%A9%2F..%2Fx.checkpoint");
        String longName = StateFile.fileName("a".repeat(300));
        assertThat(longName).hasSizeLessThan(200).endsWith(".checkpoint").isNotEqualTo(StateFile.fileName(
                "a".repeat(301)));
    }

    // ---- freshness --------------------------------------------------------------------------------------------

    @Test
    void aStaleCheckpointIsRefusedAndAFreshOneAccepted() throws IOException {
        String base = serve(honest);
        Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        servedTime.set(twoDaysAgo);

        Run stale = run(base, "--quiet", "--no-state");
        assertThat(stale.code()).as(stale.toString()).isEqualTo(1);
        assertThat(stale.out().strip()).startsWith("FAILED: the latest checkpoint (size 600) was signed at "
                                                           + twoDaysAgo + " (its time line), 2 d ")
                                       .endsWith(" ago, older than --max-age 1 d: a stale view may hide newer "
                                                         + "events");

        Run lenient = run(base, "--quiet", "--no-state", "--max-age", "3d");
        assertThat(lenient.code()).as(lenient.toString()).isZero();
        assertThat(lenient.out()).contains("signed by ledger.example/log at " + twoDaysAgo + " (2 d");
        assertThat(run(base, "--quiet", "--no-state", "--max-age", "P3D").code()).isZero();
        assertThat(run(base, "--quiet", "--no-state", "--max-age", "none").code()).isZero();

        servedTime.set(Instant.now().minusSeconds(30));
        assertThat(run(base, "--quiet", "--no-state", "--max-age", "90s").code()).isZero();
        Run tooStrict = run(base, "--quiet", "--no-state", "--max-age", "10s");
        assertThat(tooStrict.out()).contains("older than --max-age 10 s");

        servedTime.set(Instant.now().plus(Duration.ofHours(1)));
        Run future = run(base, "--quiet", "--no-state");
        assertThat(future.code()).as(future.toString()).isEqualTo(1);
        assertThat(future.out()).contains("more than 5 min after this machine's clock");

        Run badOption = run(base, "--quiet", "--no-state", "--max-age", "soon");
        assertThat(badOption.code()).isEqualTo(2);
        assertThat(badOption.err()).contains("--max-age \"soon\" is not a duration");
    }

    @Test
    void aCheckpointWithoutATimeLineIsRefusedUnlessAnyAgeIsAccepted() throws IOException {
        Path events = SyntheticLog.write(dir.resolve("events.ndjson"), honest.lines());
        Path latest = SyntheticLog.write(dir.resolve("latest.txt"), honest.checkpointWithoutTime(SIZE));

        Run refused = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey",
                             honest.vkey(), "--quiet");
        assertThat(refused.code()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.out().strip()).isEqualTo("FAILED: the latest checkpoint (size 600) carries no signed time "
                + "(no \"time\" line): how old it is cannot be told, and a stale view may hide newer events "
                + "(--max-age none accepts it)");

        Run accepted = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey",
                              honest.vkey(), "--quiet", "--max-age", "none");
        assertThat(accepted.code()).as(accepted.toString()).isZero();
    }

    @Test
    void aTimeBeyondWhatAnInstantHoldsAndAnEndlessMaxAgeAreAnsweredInWords() {
        Path events = SyntheticLog.write(dir.resolve("events.ndjson"), honest.lines());
        Path farFuture = SyntheticLog.write(dir.resolve("far.txt"), honest.checkpointWithExtensions(
                SIZE, List.of("time 99999999999999999")));

        Run failed = Run.of("--events", events.toString(), "--checkpoint", farFuture.toString(), "--vkey",
                            honest.vkey(), "--quiet", "--no-state");
        assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out().strip()).isEqualTo("FAILED: the latest checkpoint (size 600) has a malformed time "
                + "line: checkpoint time 99999999999999999 is after the year 9999 (at most 253402300799 seconds "
                + "since 1970)");
        assertThat(failed.err()).doesNotContain("Exception");

        Path latest = SyntheticLog.write(dir.resolve("latest.txt"), honest.checkpoint(SIZE));
        for (String endless : List.of("999999999999d", "P999999999D", "36501d")) {
            Run refused = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey",
                                 honest.vkey(), "--quiet", "--no-state", "--max-age", endless);
            assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
            assertThat(refused.err()).as(endless).contains("--max-age \"" + endless + "\" is longer than 100 years")
                                     .doesNotContain("Exception");
        }
        Run century = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey",
                             honest.vkey(), "--quiet", "--no-state", "--max-age", "36500d");
        assertThat(century.code()).as(century.toString()).isZero();
    }
}
