package org.consensusledger.verifier;

import org.consensusledger.audit.Leaves;
import org.consensusledger.audit.Receipt;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --receipt}: each receipt must be signed by the receipt key, match the export, and be kept in time. */
class ReceiptVerificationTest {

    private static final int SIZE = 50;
    private static final int SIGNED = 40;
    private static final NoteSigner RECEIPT_KEY =
            new NoteSigner(KeyText.generate(Receipt.keyName(SyntheticLog.LOG_NAME)));
    private static SyntheticLog log;

    @TempDir
    Path dir;

    @BeforeAll
    static void honestLog() {
        log = SyntheticLog.generate(SIZE);
    }

    private static byte[] leaf(long position) {
        return Leaves.leafHash(SyntheticLog.parse(log.lines().get((int) position)));
    }

    private static String receipt(long time, long mergeBy, long... positions) {
        List<Receipt.Event> events = new ArrayList<>();
        for (long position : positions) {
            events.add(new Receipt.Event(position, leaf(position)));
        }
        return new Receipt(SyntheticLog.LOG_NAME, time, mergeBy, events).sign(RECEIPT_KEY);
    }

    private Run verify(String... receipts) {
        List<String> args = new ArrayList<>(List.of(
                "--events", SyntheticLog.write(dir.resolve("events.ndjson"), log.lines()).toString(),
                "--checkpoint", SyntheticLog.write(dir.resolve("checkpoint.txt"), log.checkpoint(SIGNED)).toString(),
                "--vkey", log.vkey(), "--receipt-vkey", RECEIPT_KEY.verifierKey().format(), "--quiet"));
        for (int i = 0; i < receipts.length; i++) {
            args.add("--receipt");
            args.add(SyntheticLog.write(dir.resolve("receipt-" + i + ".txt"), receipts[i]).toString());
        }
        return Run.of(args.toArray(String[]::new));
    }

    @Test
    void receiptsThatMatchTheExportVerify() {
        long now = Instant.now().getEpochSecond();
        String answer = "{\"id\":\"o\",\"aggregateId\":\"o\",\"version\":0,\"receipt\":"
                + SyntheticLog.MAPPER.valueToTree(receipt(now, now + 300, 12)) + "}";

        Run run = verify(receipt(now, now + 300, 10, 11), answer, receipt(now, now + 300, 45));

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out().strip()).startsWith("VERIFIED 50 events")
                                     .contains("; 2 of 3 receipts (4 events) match the export and the latest "
                                                       + "checkpoint; 1 is pending until "
                                                       + Instant.ofEpochSecond(now + 300) + ": its events are in the "
                                                       + "export but beyond the latest checkpoint (size 40)");

        Run inCheckpoint = verify(receipt(now, now + 300, 10, 11), answer);
        assertThat(inCheckpoint.out().strip()).endsWith("; 2 receipts (3 events) match the export");
    }

    @Test
    void anEventThatDiffersFromItsReceiptFailsAtItsPosition() {
        byte[] other = leaf(13);
        String forgedHistory = new Receipt(SyntheticLog.LOG_NAME, 1_800_000_000L, 1_800_000_300L,
                                           List.of(new Receipt.Event(12, other))).sign(RECEIPT_KEY);

        Run run = verify(forgedHistory);

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out().strip()).startsWith("FAILED at position 12: the export's leaf hash ")
                                     .contains("differs from the receipt issued at 2027-01-15T08:00:00Z");
    }

    @Test
    void aReceiptWhoseMergeByHasPassedMustBeInTheLatestCheckpoint() {
        long now = Instant.now().getEpochSecond();

        Run late = verify(receipt(now - 600, now - 300, 45));
        Run notYetDue = verify(receipt(now, now + 300, 45));

        assertThat(late.code()).as(late.toString()).isEqualTo(1);
        assertThat(late.out().strip()).startsWith("FAILED: the receipt issued at ")
                                      .contains("the latest checkpoint, of size 40, does not hold them: the log "
                                                        + "broke its promise");
        assertThat(notYetDue.code()).as(notYetDue.toString()).isZero();
        assertThat(notYetDue.out()).contains("1 is pending until " + Instant.ofEpochSecond(now + 300))
                                   .doesNotContain("1 receipt (1 events) matches");
    }

    @Test
    void aReceiptOfAnotherKeyOrOfAnEventTheLogLostFails() {
        long now = Instant.now().getEpochSecond();
        NoteSigner other = new NoteSigner(KeyText.generate(Receipt.keyName(SyntheticLog.LOG_NAME)));
        String foreign = new Receipt(SyntheticLog.LOG_NAME, now, now + 300,
                                     List.of(new Receipt.Event(3, leaf(3)))).sign(other);
        String beyond = new Receipt(SyntheticLog.LOG_NAME, now, now + 300,
                                    List.of(new Receipt.Event(SIZE, leaf(3)))).sign(RECEIPT_KEY);

        Run unsigned = verify(foreign);
        Run lost = verify(beyond);

        assertThat(unsigned.code()).as(unsigned.toString()).isEqualTo(1);
        assertThat(unsigned.out()).contains("is not a receipt signed by the receipt key");
        assertThat(lost.code()).as(lost.toString()).isEqualTo(1);
        assertThat(lost.out()).startsWith("FAILED at position 50: the export ends at 50 events");
    }

    @Test
    void aReceiptWithoutItsKeyIsUnusableInput() {
        Path receipt = SyntheticLog.write(dir.resolve("r.txt"), receipt(1, 2, 1));

        Run run = Run.of("--events", "e", "--checkpoint", "c", "--vkey", log.vkey(), "--receipt", receipt.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--receipt needs --receipt-vkey");
    }

    @Test
    void aReceiptWithEventIsRefusedRatherThanIgnored() {
        Path receipt = SyntheticLog.write(dir.resolve("r.txt"), receipt(1, 2, 1));

        Run run = Run.of("--server", "http://127.0.0.1:9", "--event", "1", "--receipt", receipt.toString());

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("--event proves one event", "cannot check a receipt");
    }
}
