package org.consensusledger.verifier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --server} against a small HTTP server in the test serving the four audit endpoints of a log (not the
 * dossiers: {@code --no-dossiers}; the dossier comparison is tested against the real query side, in its module).
 */
class ServerModeTest {

    private static final int SIZE = 3_000;
    private static final int SAVED = 2_000;
    private static SyntheticLog log;

    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void honestLog() {
        log = SyntheticLog.generate(SIZE);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /**
     * Serves {@code served}: its export, its checkpoint of its whole size, its vkey, and consistency proofs from
     * its own tree, each proof passed through {@code tamper}. Returns the base URL.
     */
    private String serve(SyntheticLog served, UnaryOperator<List<byte[]>> tamper) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/audit/events", exchange -> {
            requests.add(exchange.getRequestURI().toString());
            exchange.getResponseHeaders().set("Content-Type", "application/x-ndjson");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String line : served.lines()) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        server.createContext("/api/audit/checkpoint", exchange -> text(exchange, served.checkpoint(served.size())));
        server.createContext("/api/audit/vkey", exchange -> text(exchange, served.vkey() + "\n"));
        server.createContext("/api/audit/proof/consistency", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            long from = Long.parseLong(query.replaceAll(".*from=(\\d+).*", "$1"));
            long to = Long.parseLong(query.replaceAll(".*to=(\\d+).*", "$1"));
            StringBuilder json = new StringBuilder("{\"from\":" + from + ",\"to\":" + to + ",\"hashes\":[");
            List<byte[]> proof = tamper.apply(served.consistencyProof(from, to));
            for (int i = 0; i < proof.size(); i++) {
                json.append(i == 0 ? "\"" : ",\"").append(Base64.getEncoder().encodeToString(proof.get(i)))
                    .append('"');
            }
            text(exchange, json.append("]}").toString());
        });
        server.start();
        return "http://localhost:" + server.getAddress().getPort() + "/";
    }

    private void text(HttpExchange exchange, String body) throws IOException {
        requests.add(exchange.getRequestURI().toString());
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Path saved(String checkpoint) {
        return SyntheticLog.write(dir.resolve("saved.txt"), checkpoint);
    }

    @Test
    void anHonestServerVerifiesWithItsConsistencyProof() throws IOException {
        String base = serve(log, UnaryOperator.identity());

        Run run = Run.of("--server", base, "--no-dossiers", "--saved", saved(log.checkpoint(SAVED)).toString(), "--quiet");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out().strip()).matches(java.util.regex.Pattern.quote(
                "VERIFIED 3,000 events; root " + Base64.getEncoder().encodeToString(log.root(SIZE))
                        + " of size 3000 matches the checkpoint signed by ledger.example/log at ")
                        + "[0-9T:Z-]+ \\([0-9]+ s ago\\)" + java.util.regex.Pattern.quote(
                        "; 1 saved checkpoint (size 2000) is consistent with it, and so are the server's "
                                + "consistency proofs; receipts not checked (the server publishes no receipt key)"));
        assertThat(requests).containsExactlyInAnyOrder("/api/audit/vkey", "/api/audit/checkpoint",
                                                       "/api/audit/proof/consistency?from=2000&to=3000",
                                                       "/api/audit/events");
    }

    @Test
    void aBadConsistencyProofFailsEvenWhenTheExportIsHonest() throws IOException {
        String base = serve(log, proof -> {
            List<byte[]> bad = new ArrayList<>(proof);
            byte[] first = bad.get(0).clone();
            first[0] ^= 1;
            bad.set(0, first);
            return bad;
        });

        Run run = Run.of("--server", base, "--no-dossiers", "--saved", saved(log.checkpoint(SAVED)).toString(), "--quiet");

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the server's consistency proof from the checkpoint saved at size "
                                                 + "2000 to the latest checkpoint (size 3000) does not verify");
    }

    @Test
    void aRewrittenTailFailsTheServersOwnConsistencyProof() throws IOException {
        SyntheticLog operator = VerifierTest.rewrittenTail(log.signer());
        String base = serve(operator, UnaryOperator.identity());

        Run run = Run.of("--server", base, "--no-dossiers", "--saved", saved(log.checkpoint(SAVED)).toString(), "--quiet");

        assertThat(run.code()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).startsWith("FAILED: the server's consistency proof from the checkpoint saved at size "
                                                 + "2000 to the latest checkpoint (size 3100) does not verify: the "
                                                 + "log does not extend the saved checkpoint");
        // The export was never needed to see it.
        assertThat(requests).doesNotContain("/api/audit/events");
    }

    @Test
    void explicitOptionsOverrideTheServersDefaults() throws IOException {
        String base = serve(log, UnaryOperator.identity());
        Path shortExport = SyntheticLog.write(dir.resolve("short.ndjson"), log.lines().subList(0, 10));
        Path checkpoint = SyntheticLog.write(dir.resolve("c.txt"), log.checkpoint(10));

        Run run = Run.of("--server", base, "--no-dossiers", "--events", shortExport.toString(), "--checkpoint", checkpoint.toString(),
                         "--quiet");

        assertThat(run.code()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("VERIFIED 10 events;").contains("of size 10 matches");
        assertThat(requests).containsExactly("/api/audit/vkey");
    }

    @Test
    void aMissingEndpointIsUnusableInput() throws IOException {
        String base = serve(log, UnaryOperator.identity());
        server.removeContext("/api/audit/checkpoint");

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet");

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip()).isEqualTo("ERROR: GET " + base.replaceAll("/$", "")
                                                        + "/api/audit/checkpoint answered HTTP 404");
    }

    @Test
    void anExportCutOffInTransferIsUnusableInputNotATruncatedLog() throws IOException {
        String base = serve(log, UnaryOperator.identity());
        server.removeContext("/api/audit/events");
        server.createContext("/api/audit/events", exchange -> {
            byte[] half = String.join("\n", log.lines().subList(0, 1_000)).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, half.length * 3L);
            exchange.getResponseBody().write(half);
            exchange.getResponseBody().flush();
            exchange.getHttpContext().getServer().stop(0);
        });

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet");

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: cannot read the export " + base.replaceAll("/$", "")
                                                 + "/api/audit/events after ");
        server = null;
    }

    @Test
    void anUnreachableServerIsUnusableInput() throws IOException {
        String base = serve(log, UnaryOperator.identity());
        server.stop(0);
        server = null;

        Run run = Run.of("--server", base, "--no-dossiers", "--quiet");

        assertThat(run.code()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("ERROR: cannot fetch " + base.replaceAll("/$", "") + "/api/audit/vkey");
    }

    /**
     * A hostile server's receipts: pages that never end are read only as far as the export goes, and a page larger than
     * any document of the API is an ERROR in words, not an OutOfMemoryError.
     */
    @Test
    void aHostileServersReceiptsAreReadNoFurtherThanTheExportAndWithinBounds() throws IOException {
        String base = serve(log, UnaryOperator.identity());
        org.consensusledger.tlog.NoteSigner receiptKey = new org.consensusledger.tlog.NoteSigner(
                org.consensusledger.tlog.KeyText.generate(
                        org.consensusledger.audit.Receipt.keyName(SyntheticLog.LOG_NAME)));
        server.createContext("/api/audit/receipt-vkey", exchange -> text(exchange,
                                                                         receiptKey.verifierKey().format() + "\n"));
        java.util.concurrent.atomic.AtomicInteger pages = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/api/audit/receipts", exchange -> {
            pages.incrementAndGet();
            long from = Long.parseLong(exchange.getRequestURI().getQuery().replaceAll(".*from=(\\d+).*", "$1"));
            text(exchange, "{\"from\":" + from + ",\"to\":" + (from + 1000) + ",\"next\":" + (from + 1000)
                    + ",\"receipts\":[]}");
        });

        Run endless = Run.of("--server", base, "--no-dossiers", "--quiet");

        assertThat(endless.code()).as(endless.toString()).isZero();
        assertThat(endless.out()).contains("no receipts to check");
        assertThat(pages.get()).isLessThanOrEqualTo(SIZE / 1000 + 1);

        server.removeContext("/api/audit/receipts");
        server.createContext("/api/audit/receipts", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[1 << 20];
                java.util.Arrays.fill(chunk, (byte) ' ');
                for (int i = 0; i <= Source.MAX_DOCUMENT >> 20; i++) {
                    out.write(chunk);
                }
            } catch (IOException closed) {
                // the verifier stopped reading
            }
        });

        Run huge = Run.of("--server", base, "--no-dossiers", "--quiet");

        assertThat(huge.code()).as(huge.toString()).isEqualTo(2);
        assertThat(huge.err()).startsWith("ERROR: GET ").contains("answered more than " + Source.MAX_DOCUMENT
                                                                          + " bytes");
    }
}
