package org.consensusledger.query.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.tlog.AddCheckpoint;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CheckpointTime;
import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.SignedNote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * The log's side of tlog-witness against witnesses played by local HTTP servers: one that sends its headers and then
 * stalls never delays the others and is cut off after the timeout; the note sent is the one stored, every log
 * signature in it (a key rotation's two); an answer whose timestamp no date can hold is a refusal in words; a
 * cosignature the checkpoint store could not keep is sent for again.
 */
class CosigningTest {

    private static final String ORIGIN = "log.example/log";
    private static final KeyText.SignerKey OLD_KEY = KeyText.generate(ORIGIN);
    private static final KeyText.SignerKey NEW_KEY = KeyText.generate(ORIGIN);
    private static final Cosignature.Signer GOOD = new Cosignature.Signer(KeyText.generate("good.example/witness"));
    private static final Cosignature.Signer FAR = new Cosignature.Signer(KeyText.generate("far.example/witness"));

    private final List<HttpServer> servers = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<String> receivedByGood = new CopyOnWriteArrayList<>();
    private Cosigning cosigning;

    @AfterEach
    void stop() {
        if (cosigning != null) {
            cosigning.stop();
        }
        release.countDown();
        servers.forEach(server -> server.stop(0));
    }

    /** A checkpoint signed by the old key and the new one, as a key rotation's announcement is. */
    private static String rotationNote() {
        String text = CheckpointTime.stamped(new Checkpoint(ORIGIN, 0, MerkleHash.emptyRoot()), Instant.now()).format();
        List<SignedNote.Signature> signatures = new ArrayList<>();
        signatures.addAll(SignedNote.parse(new NoteSigner(OLD_KEY).sign(text)).signatures());
        signatures.addAll(SignedNote.parse(new NoteSigner(NEW_KEY).sign(text)).signatures());
        return new SignedNote(text, signatures).format();
    }

    private String serve(String path, Handler handler) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext(path + "/add-checkpoint", exchange -> {
            try (exchange) {
                handler.handle(exchange, new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private interface Handler {
        void handle(HttpExchange exchange, String body) throws IOException, InterruptedException;
    }

    private static void answer(HttpExchange exchange, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Cosigning cosigning(Checkpoints checkpoints, List<CosigningProperties.Witness> witnesses) {
        AuditProperties audit = new AuditProperties(URI.create("http://localhost:8082"), ORIGIN, Path.of("unused"),
                                                    Duration.ofMillis(100), 1000, Duration.ofMillis(50),
                                                    Duration.ofHours(1));
        return new Cosigning(new CosigningProperties(witnesses, Duration.ofSeconds(1), Duration.ofMillis(100)), audit,
                             checkpoints, mock(MerkleLog.class), new ReplayProperties(false, 5000));
    }

    @Test
    void aWitnessThatStallsAfterItsHeadersDelaysNoOtherIsCutOffAndTheStoredNoteIsSentAsItIs() throws Exception {
        String note = rotationNote();
        String stalled = serve("/stalled", (exchange, body) -> {
            exchange.sendResponseHeaders(200, 0); // headers, then a body that never comes
            exchange.getResponseBody().flush();
            release.await();
        });
        String good = serve("/good", (exchange, body) -> {
            receivedByGood.add(body);
            String text = SignedNote.parse(AddCheckpoint.parse(body).signedCheckpoint()).text();
            answer(exchange, GOOD.sign(text, Instant.now().getEpochSecond()).line());
        });
        Checkpoints checkpoints = mock(Checkpoints.class);
        when(checkpoints.latestAsSigned()).thenReturn(Optional.of(new Checkpoints.Signed(0, MerkleHash.emptyRoot(),
                                                                                          note, Instant.now())));
        List<String> kept = new CopyOnWriteArrayList<>();
        when(checkpoints.addCosignature(eq(0L), eq(note), anyString())).thenAnswer(call -> kept.add(call.getArgument(2)));
        cosigning = cosigning(checkpoints, List.of(
                new CosigningProperties.Witness(stalled, new Cosignature.Signer(KeyText.generate("stalled.example/w"))
                        .key().format()),
                new CosigningProperties.Witness(good, GOOD.key().format())));
        cosigning.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> !kept.isEmpty());
        assertThat(receivedByGood.get(0)).isEqualTo("old 0\n\n" + note);
        assertThat(AddCheckpoint.parseCosignatures(kept.get(0) + "\n").get(0).keyName())
                .isEqualTo("good.example/witness");
        CosignerStatus stalledStatus = cosigning.witnesses().get(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> stalledStatus.refusal != null);
        assertThat(stalledStatus.refusal).contains("no complete answer within 1000 ms");
    }

    @Test
    void aTimestampNoDateCanHoldIsARefusalInWordsAndAnUnkeptCosignatureIsSentForAgain() throws Exception {
        String note = rotationNote();
        String text = SignedNote.parse(note).text();
        String far = serve("/far", (exchange, body) -> {
            SignedNote.Signature line = FAR.sign(text, 1);
            byte[] bytes = line.signature();
            ByteBuffer.wrap(bytes).putLong(40_000_000_000_000_000L); // beyond any date (the signature no longer fits)
            answer(exchange, new SignedNote.Signature(line.keyName(), line.keyId(), bytes).line());
        });
        AtomicInteger goodRequests = new AtomicInteger();
        String good = serve("/good", (exchange, body) -> {
            goodRequests.incrementAndGet();
            answer(exchange, GOOD.sign(text, Instant.now().getEpochSecond()).line());
        });
        Checkpoints checkpoints = mock(Checkpoints.class);
        when(checkpoints.latestAsSigned()).thenReturn(Optional.of(new Checkpoints.Signed(0, MerkleHash.emptyRoot(),
                                                                                          note, Instant.now())));
        // The store cannot keep the first cosignature (the checkpoint changed meanwhile), keeps the second.
        AtomicInteger stored = new AtomicInteger();
        when(checkpoints.addCosignature(anyLong(), anyString(), anyString()))
                .thenAnswer(call -> stored.incrementAndGet() > 1);
        cosigning = cosigning(checkpoints, List.of(new CosigningProperties.Witness(far, FAR.key().format()),
                                                   new CosigningProperties.Witness(good, GOOD.key().format())));
        cosigning.start();

        CosignerStatus farStatus = cosigning.witnesses().get(0);
        CosignerStatus goodStatus = cosigning.witnesses().get(1);
        await().atMost(Duration.ofSeconds(20)).until(() -> farStatus.refusal != null && goodStatus.cosignedAt != null);
        assertThat(farStatus.refusal).contains("beyond the year 1000000000");
        assertThat(goodRequests.get()).as("sent again after the store did not keep it").isGreaterThanOrEqualTo(2);
        assertThat(stored.get()).isGreaterThanOrEqualTo(2);
    }
}
