package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.audit.Leaves;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verifier over synthetic exports: a clean one verifies; each way of tampering with the log after the auditor
 * saved a checkpoint is caught, at the right position or with the right reason; bad inputs exit 2.
 */
class VerifierTest {

    /** The honest log: 3,000 events; the auditor saved the checkpoint of size 2,000, the latest is of 3,000. */
    private static final int SIZE = 3_000;
    private static final int SAVED = 2_000;
    private static SyntheticLog log;

    @TempDir
    Path dir;

    @BeforeAll
    static void honestLog() {
        log = SyntheticLog.generate(SIZE);
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private Path file(String name, String text) {
        return SyntheticLog.write(dir.resolve(name), text);
    }

    private Path export(List<String> lines) {
        return SyntheticLog.write(dir.resolve("events.ndjson"), lines);
    }

    /** Runs the verifier over {@code lines} with the honest latest checkpoint and the saved one. */
    private Run verify(List<String> lines) {
        return verify(lines, log.checkpoint(SIZE), true);
    }

    private Run verify(List<String> lines, String latestCheckpoint, boolean withSaved) {
        List<String> args = new ArrayList<>(List.of(
                "--events", export(lines).toString(),
                "--checkpoint", file("checkpoint.txt", latestCheckpoint).toString(),
                "--vkey", log.vkey(), "--quiet"));
        if (withSaved) {
            args.add("--saved");
            args.add(file("saved.txt", log.checkpoint(SAVED)).toString());
        }
        return Run.of(args.toArray(String[]::new));
    }

    private static String rewrite(String line, java.util.function.Consumer<ObjectNode> change, boolean rehash) {
        ObjectNode event = SyntheticLog.parse(line);
        String leafHash = event.path(Leaves.LEAF_HASH_FIELD).asText();
        event.remove(Leaves.LEAF_HASH_FIELD);
        change.accept(event);
        if (rehash) {
            return SyntheticLog.line(event, Leaves.leafHash(event));
        }
        event.put(Leaves.LEAF_HASH_FIELD, leafHash);
        return SyntheticLog.line(event, null);
    }

    /** Every line from {@code from} on renumbered to its place, with its leaf hash recomputed (a careful forger). */
    private static List<String> renumbered(List<String> lines, int from) {
        List<String> result = new ArrayList<>(lines);
        for (int i = from; i < result.size(); i++) {
            long position = i;
            result.set(i, rewrite(result.get(i), event -> event.put("globalPosition", position), true));
        }
        return result;
    }

    private static String failedAt(long position, String reason) {
        return "FAILED at position " + position + ": " + reason;
    }

    private static final String NO_LONGER_EXTENDS = "FAILED: the log no longer extends the checkpoint saved at size "
            + SAVED + ": events before " + SAVED + " were changed, removed, inserted or reordered";

    // ---- a clean export ----------------------------------------------------------------------------------------

    @Test
    void cleanExportOf100000EventsVerifies() {
        SyntheticLog big = SyntheticLog.generate(100_000);
        Path events = SyntheticLog.write(dir.resolve("big.ndjson"), big.lines());
        Path latest = file("big-checkpoint.txt", big.checkpoint(100_000));
        Path saved = file("big-saved.txt", big.checkpoint(65_537));

        Run run = Run.of("--events", events.toString(), "--checkpoint", latest.toString(), "--vkey", big.vkey(),
                         "--saved", saved.toString());

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out().strip()).startsWith(
                "VERIFIED 100,000 events; root " + Base64.getEncoder().encodeToString(big.root(100_000))
                        + " of size 100000 matches the checkpoint signed by ledger.example/log at ")
                                     .endsWith(" ago); 1 saved checkpoint (size 65537) is consistent with it");
        assertThat(run.err()).contains("checked 100,000 events in");
    }

    @Test
    void cleanSmallExportVerifiesAndEventsNotYetInTheTreeNeedNoLeafHash() {
        SyntheticLog longer = SyntheticLog.generate(SIZE + 10);
        Run run = Run.of("--events", export(longer.linesWithoutLeafHashFrom(SIZE)).toString(),
                         "--checkpoint", file("c.txt", longer.checkpoint(SIZE)).toString(),
                         "--vkey", file("vkey.txt", longer.vkey() + "\n").toString(),
                         "--saved", file("s1.txt", longer.checkpoint(1)).toString(),
                         "--saved", file("s2.txt", longer.checkpoint(SIZE)).toString(), "--quiet");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).contains("VERIFIED 3,010 events;", "of size 3000 matches",
                                       "2 saved checkpoints (sizes 1, 3000) are consistent with it",
                                       "10 later events are not yet covered by a signed checkpoint");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theEmptyLogVerifies() {
        Run run = verify(List.of(), log.checkpoint(0), false);
        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("VERIFIED 0 events; root 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU= of size 0");
    }

    // ---- tampering, against the checkpoint saved before it ------------------------------------------------------

    @Test
    void aChangedPayloadByteIsCaughtAtItsPosition() {
        List<String> lines = log.lines();
        String line = lines.get(1234);
        int at = line.indexOf("\"bodyId\":\"") + 10;
        char changed = line.charAt(at) == '0' ? '1' : '0';
        lines.set(1234, line.substring(0, at) + changed + line.substring(at + 1));
        assertThat(lines.get(1234)).hasSameSizeAs(line).isNotEqualTo(line);
        assertThat(lines.get(1234).indexOf("\"bodyId\"")).isGreaterThan(line.indexOf("\"payload\""));

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(failedAt(1234, "event at position 1234 does not match the leaf the "
                + "log committed to (changed after it was logged?)"));
    }

    @Test
    void aChangedPayloadWithARecomputedLeafHashBreaksTheSavedRoot() {
        List<String> lines = log.lines();
        lines.set(1234, rewrite(lines.get(1234), event -> ((ObjectNode) event.get("payload"))
                .put("bodyId", "00000000-0000-0000-0000-000000000000"), true));

        assertThat(verify(lines).out().strip()).startsWith(NO_LONGER_EXTENDS);
        // Without the saved checkpoint the latest one catches it, naming its size.
        Run latestOnly = verify(lines, log.checkpoint(SIZE), false);
        assertThat(latestOnly.code()).isEqualTo(1);
        assertThat(latestOnly.out()).startsWith("FAILED: the first 3000 events of the export do not have the root of "
                + "the latest checkpoint, of size 3000");
    }

    @Test
    void aChangedMetadataFieldIsCaughtAtItsPosition() {
        List<String> lines = log.lines();
        lines.set(777, rewrite(lines.get(777), event -> ((ObjectNode) event.get("metadata"))
                .put("userId", "user-0"), false));

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(failedAt(777, "event at position 777 does not match the leaf the "
                + "log committed to (changed after it was logged?)"));
    }

    @Test
    void aDeletedEventIsCaughtAtItsPosition() {
        List<String> lines = log.lines();
        lines.remove(1500);

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(failedAt(1500, "expected globalPosition 1500, found 1501: the event "
                + "at position 1500 is missing, or the events are out of order"));
        // Renumbering the rest and recomputing their leaf hashes only moves the failure to the saved root.
        assertThat(verify(renumbered(lines, 1500)).out().strip()).startsWith(NO_LONGER_EXTENDS);
    }

    @Test
    void anInsertedEventIsCaught() {
        List<String> lines = log.lines();
        ObjectNode forged = SyntheticLog.event(1500, 7);
        lines.add(1500, SyntheticLog.line(forged, Leaves.leafHash(forged)));

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(failedAt(1501, "expected globalPosition 1501, found 1500: position "
                + "1500 comes again: an event was inserted, repeated or reordered"));
        assertThat(verify(renumbered(lines, 1500)).out().strip()).startsWith(NO_LONGER_EXTENDS);
    }

    @Test
    void twoSwappedEventsAreCaught() {
        List<String> lines = log.lines();
        String moved = lines.set(1000, lines.get(1001));
        lines.set(1001, moved);

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(failedAt(1000, "expected globalPosition 1000, found 1001: the event "
                + "at position 1000 is missing, or the events are out of order"));
        assertThat(verify(renumbered(lines, 1000)).out().strip()).startsWith(NO_LONGER_EXTENDS);
    }

    @Test
    void aTruncatedTailIsCaught() {
        List<String> lines = log.lines().subList(0, 2_500);

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo("FAILED: the log was truncated: checkpoint of size 3000, export has "
                + "2500 events");
    }

    @Test
    void aTailTruncatedBelowTheSavedCheckpointAndResignedIsCaught() {
        List<String> lines = log.lines().subList(0, 1_500);

        Run run = verify(lines, log.checkpoint(1_500), true);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the log was truncated: the checkpoint saved at size 2000")
                             .contains("is larger than the latest checkpoint, of size 1500");
        // The same export verifies against its fresh checkpoint alone: only the saved one exposes it.
        assertThat(verify(lines, log.checkpoint(1_500), false).code()).isZero();
    }

    @Test
    void aRewrittenTailWithRecomputedLeavesAndAFreshSignedCheckpointIsCaughtByTheSavedCheckpoint() {
        SyntheticLog operator = rewrittenTail(log.signer());

        Run run = verify(operator.lines(), operator.checkpoint(operator.size()), true);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith(NO_LONGER_EXTENDS);
        // Every line and the fresh checkpoint are consistent: without the saved checkpoint it would pass.
        assertThat(verify(operator.lines(), operator.checkpoint(operator.size()), false).code()).isZero();
    }

    /** The operator's rewritten log: the first 1,500 events kept, then 1,600 others, all leaves recomputed. */
    static SyntheticLog rewrittenTail(NoteSigner signer) {
        SyntheticLog operator = new SyntheticLog(signer);
        operator.appendSynthetic(1_500, 1);
        operator.appendSynthetic(1_600, 2);
        return operator;
    }

    @Test
    void aLineThatIsNotJsonIsCaughtAtItsPosition() {
        List<String> lines = log.lines();
        lines.set(42, lines.get(42).substring(0, 100));

        Run run = verify(lines);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED at position 42: the line of the event at position 42 is not JSON");
    }

    @Test
    void linesThatCannotBeLeavesAreCaughtAtTheirPosition() {
        List<String> notAnObject = log.lines();
        notAnObject.set(5, "[1, 2, 3]");
        assertThat(verify(notAnObject).out().strip())
                .isEqualTo(failedAt(5, "the line of the event at position 5 is not a JSON object"));

        List<String> noPosition = log.lines();
        noPosition.set(6, rewrite(noPosition.get(6), event -> event.put("globalPosition", "6"), false));
        assertThat(verify(noPosition).out().strip())
                .isEqualTo(failedAt(6, "the event at position 6 has no integer globalPosition"));

        List<String> badLeafHash = log.lines();
        ObjectNode upper = SyntheticLog.parse(badLeafHash.get(7));
        upper.put(Leaves.LEAF_HASH_FIELD, upper.get(Leaves.LEAF_HASH_FIELD).asText().toUpperCase());
        badLeafHash.set(7, SyntheticLog.line(upper, null));
        assertThat(verify(badLeafHash).out().strip())
                .isEqualTo(failedAt(7, "the leafHash of the event at position 7 is not 64 lowercase hex digits"));

        List<String> duplicate = log.lines();
        String original = duplicate.get(9);
        duplicate.set(9, original.replaceFirst("\\{", "{\"payload\":{\"title\":\"shown to a first-wins reader\"},"));
        assertThat(SyntheticLog.parse(duplicate.get(9))).isEqualTo(SyntheticLog.parse(original));
        assertThat(verify(duplicate).out().strip())
                .isEqualTo(failedAt(9, "the line of the event at position 9 is not JSON (Duplicate field 'payload')"));

        List<String> trailing = log.lines();
        trailing.set(11, trailing.get(11) + " {\"globalPosition\":11}");
        assertThat(verify(trailing).out().strip())
                .startsWith(failedAt(11, "the line of the event at position 11 is not JSON (Trailing token"));

        List<String> inexact = log.lines();
        inexact.set(8, rewrite(inexact.get(8), event -> ((ObjectNode) event.get("payload"))
                .put("amount", new java.math.BigDecimal("0.1000000000000000000001")), false));
        assertThat(verify(inexact).out().strip())
                .startsWith(failedAt(8, "event at position 8 cannot be a leaf: number 0.1000000000000000000001"));
    }

    // ---- checkpoints and keys -------------------------------------------------------------------------------------

    @Test
    void aCheckpointSignedByAnotherKeyFails() {
        NoteSigner impostor = new NoteSigner(KeyText.generate(SyntheticLog.LOG_NAME));
        String forged = impostor.sign(new Checkpoint(SyntheticLog.LOG_NAME, SIZE, log.root(SIZE)).format());

        Run run = verify(log.lines(), forged, true);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the latest checkpoint (")
                             .contains("is not signed by the log's key ledger.example/log",
                                       "note has no signature by a known key");
    }

    @Test
    void aSavedCheckpointSignedByAnotherKeyFails() {
        NoteSigner impostor = new NoteSigner(KeyText.generate("someone.else/log"));
        Path saved = file("other.txt", impostor.sign(new Checkpoint("someone.else/log", SAVED, log.root(SAVED))
                                                             .format()));
        Run run = Run.of("--events", export(log.lines()).toString(),
                         "--checkpoint", file("c.txt", log.checkpoint(SIZE)).toString(), "--vkey", log.vkey(),
                         "--saved", saved.toString(), "--quiet");

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the saved checkpoint (" + saved + ") is not signed by the log's key "
                                                 + "ledger.example/log: note has no signature by a known key");
    }

    @Test
    void aCheckpointOfAnotherOriginFails() {
        String other = log.signer().sign(new Checkpoint("other.example/log", SIZE, log.root(SIZE)).format());

        Run run = verify(log.lines(), other, false);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("is for the log \"other.example/log\", not for \"ledger.example/log\"");
    }

    @Test
    void aMalformedCheckpointIsUnusableInput() {
        Run garbage = verify(log.lines(), "this is not a checkpoint\n", false);
        assertThat(garbage.code()).as(garbage.toString()).isEqualTo(2);
        assertThat(garbage.out()).isEmpty();
        assertThat(garbage.err()).startsWith("ERROR: the latest checkpoint (").contains("is not a signed note");

        Run signedNonsense = verify(log.lines(), log.signer().sign("ledger.example/log\nmany\nroot\n"), false);
        assertThat(signedNonsense.code()).as(signedNonsense.toString()).isEqualTo(2);
        assertThat(signedNonsense.err()).contains("is not a checkpoint", "checkpoint tree size");
    }

    @Test
    void anUnreadableFileIsUnusableInput() {
        Path missing = dir.resolve("no-such-export.ndjson");
        Run run = Run.of("--events", missing.toString(),
                         "--checkpoint", file("c.txt", log.checkpoint(SIZE)).toString(), "--vkey", log.vkey());

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("ERROR: cannot read " + missing + ": no such file");

        Run noCheckpoint = Run.of("--events", export(log.lines()).toString(),
                                  "--checkpoint", dir.resolve("nothing.txt").toString(), "--vkey", log.vkey());
        assertThat(noCheckpoint.code()).isEqualTo(2);
        assertThat(noCheckpoint.err()).contains("cannot read", "nothing.txt", "no such file");
    }

    @Test
    void aMalformedKeyIsUnusableInput() {
        Run run = Run.of("--events", export(log.lines()).toString(),
                         "--checkpoint", file("c.txt", log.checkpoint(SIZE)).toString(),
                         "--vkey", "ledger.example/log+00000000+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k");

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: malformed verifier key: key id 00000000 does not match");

        Run notAKey = Run.of("--events", "x", "--checkpoint", "y", "--vkey", "no-such-file.txt");
        assertThat(notAKey.code()).isEqualTo(2);
        assertThat(notAKey.err()).contains("is neither a readable file, a URL nor a key");
    }

    // ---- the command line ------------------------------------------------------------------------------------------

    @Test
    void helpVersionAndMissingOptions() {
        Run help = Run.of("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--events", "--checkpoint", "--vkey", "--saved", "--server", "--quiet",
                                        "Exit codes:");

        Run version = Run.of("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("consensus-ledger-verifier ");

        Run missing = Run.of("--events", "events.ndjson");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("--checkpoint is needed (or --server)");

        Run unknown = Run.of("--frobnicate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unknown option");
    }

    @Test
    void progressIsReportedOnStderrUnlessQuiet() {
        long[] now = {0};
        java.io.StringWriter err = new java.io.StringWriter();
        Progress progress = new Progress(new java.io.PrintWriter(err), false, () -> now[0]);
        progress.update(10);
        now[0] = 2_000_000_000L;
        progress.update(200_000);
        assertThat(err.toString()).isEqualTo(String.format("  %,d events checked (%,.0f events/s)%n", 200_000,
                                                           100_000.0));

        java.io.StringWriter quiet = new java.io.StringWriter();
        Progress silent = new Progress(new java.io.PrintWriter(quiet), true, () -> now[0]);
        now[0] = 10_000_000_000L;
        silent.update(5);
        assertThat(quiet.toString()).isEmpty();
    }
}
