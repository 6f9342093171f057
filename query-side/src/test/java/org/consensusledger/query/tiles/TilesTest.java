package org.consensusledger.query.tiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.consensusledger.audit.Leaves;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.query.web.QueryApiTest;
import org.consensusledger.tlog.MerkleProofs;
import org.consensusledger.tlog.NoteVerifier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The log served as c2sp.org/tlog-tiles, over HTTP: a tile client of its own ({@link SpecTileClient}, written from the
 * spec) recomputes the signed root from the tiles, checks every entry against its level-0 hash and an inclusion proof
 * built from tiles; every path form with its headers; every malformed or out-of-tree path a problem. The methods run in
 * order: the last one adds an entry too large for a bundle, which the first would otherwise meet.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TilesTest extends QueryApiTest {

    private static final String PREFIX = "/api/audit/tlog/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Events this class appends once, in units of different sizes, so that level-1 tiles and partial ones exist. */
    private static final int EVENTS = 600;
    private static long appendedFrom = -1;

    @Autowired
    private LedgerEventStorageEngine log;

    @BeforeEach
    void aFewHundredEvents() {
        if (appendedFrom >= 0) {
            return;
        }
        appendedFrom = log.nextGlobalPosition();
        String aggregate = UUID.randomUUID().toString();
        int sequence = 0;
        for (int unit = 1; sequence < EVENTS; unit = unit % 37 + 1) {
            List<DomainEventMessage<?>> events = new ArrayList<>();
            for (int i = 0; i < unit && sequence < EVENTS; i++) {
                events.add(EventLogFixtures.event(aggregate, sequence++));
            }
            log.appendEvents(events);
        }
    }

    @Test
    @Order(1)
    void anIndependentTileClientRecomputesTheSignedRootChecksEveryEntryAndBuildsInclusionProofs() throws Exception {
        String note = awaitCheckpointOf(log.nextGlobalPosition());
        String[] lines = new NoteVerifier(get("/api/audit/vkey").body().strip()).verify(note).text().split("\n");
        long size = Long.parseLong(lines[1]);
        byte[] signedRoot = Base64.getDecoder().decode(lines[2]);
        SpecTileClient client = new SpecTileClient(path -> fetch(PREFIX + path), size);

        assertThat(client.root()).as("the root recomputed from the tiles").isEqualTo(signedRoot);

        List<JsonNode> exported = new ArrayList<>();
        for (String line : get("/api/audit/events?limit=" + size).body().split("\n")) {
            exported.add(json(line));
        }
        for (long n = 0; n * 256 < size; n++) {
            List<byte[]> entries = client.entries(n);
            for (int i = 0; i < entries.size(); i++) {
                long position = n * 256 + i;
                assertThat(SpecTileClient.leafHash(entries.get(i))).as("entry %d", position)
                                                                   .isEqualTo(client.tileHash(0, position));
                assertThat(entries.get(i)).as("entry %d is the event's canonical leaf bytes", position)
                                          .isEqualTo(Leaves.canonicalBytes(exported.get((int) position)));
            }
        }
        for (long index : List.of(appendedFrom + 137, size - 1, 0L)) {
            List<byte[]> proof = client.inclusionProof(index);
            MerkleProofs.verifyInclusion(index, size, client.tileHash(0, index), proof, signedRoot);
            List<String> served = new ArrayList<>();
            json(get("/api/audit/proof/inclusion?index=" + index + "&size=" + size)).path("hashes")
                    .forEach(hash -> served.add(hash.asText()));
            assertThat(proof.stream().map(Base64.getEncoder()::encodeToString).toList()).isEqualTo(served);
        }
    }

    @Test
    @Order(2)
    void everyPathFormIsServedWithTheSpecsHeadersAndTheCheckpointIsTheLogs() throws IOException {
        long size = size(awaitCheckpointOf(appendedFrom + EVENTS));
        long lastTile = size / 256;
        int lastWidth = (int) (size % 256);

        HttpResponse<byte[]> full = send(PREFIX + "tile/0/000");
        assertTile(full, 256 * 32);
        // The log's size depends on the tests before in the shared context: when it is a multiple of 256 the last
        // tile is full and there is no partial one (.p/0 is not a width): its full tile is served, the next refused.
        if (lastWidth > 0) {
            String last = SpecTileClient.index(lastTile);
            assertTile(send(PREFIX + "tile/0/" + last + ".p/" + lastWidth), lastWidth * 32);
            assertTile(send(PREFIX + "tile/entries/" + last + ".p/" + lastWidth), -1);
        } else {
            String last = SpecTileClient.index(lastTile - 1);
            assertTile(send(PREFIX + "tile/0/" + last), 256 * 32);
            assertTile(send(PREFIX + "tile/entries/" + last), -1);
            assertThat(get(PREFIX + "tile/0/" + SpecTileClient.index(lastTile) + ".p/1").statusCode())
                    .as("no entry of tile %d is in the tree yet", lastTile).isEqualTo(404);
        }
        assertTile(send(PREFIX + "tile/0/000.p/5"), 5 * 32);
        assertThat(send(PREFIX + "tile/0/000.p/5").body()).isEqualTo(Arrays.copyOf(full.body(), 5 * 32));
        int level1Width = (int) (size / 256 % 256);
        if (level1Width > 0) {
            assertTile(send(PREFIX + "tile/1/000.p/" + level1Width), level1Width * 32);
        }
        assertTile(send(PREFIX + "tile/entries/000"), -1);

        // Revalidated by its ETag; gzip when asked for, the same bytes once unzipped.
        String etag = full.headers().firstValue("ETag").orElseThrow();
        assertThat(send(PREFIX + "tile/0/000", "If-None-Match", etag).statusCode()).isEqualTo(304);
        HttpResponse<byte[]> bundle = send(PREFIX + "tile/entries/000");
        HttpResponse<byte[]> zipped = send(PREFIX + "tile/entries/000", "Accept-Encoding", "gzip, identity");
        assertThat(bundle.headers().firstValue("Vary")).contains("Accept-Encoding");
        assertThat(zipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(zipped.body().length).isLessThan(bundle.body().length / 2);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(zipped.body())).readAllBytes()).isEqualTo(bundle.body());
        assertThat(send(PREFIX + "tile/entries/000", "Accept-Encoding", "gzip;q=0").headers()
                                                                             .firstValue("Content-Encoding")).isEmpty();

        // The checkpoint: the very note /api/audit/checkpoint serves, not cached without asking again.
        HttpResponse<String> checkpoint = get(PREFIX + "checkpoint");
        assertThat(checkpoint.statusCode()).isEqualTo(200);
        assertThat(checkpoint.headers().firstValue("Content-Type").orElseThrow().toLowerCase())
                .isEqualTo("text/plain;charset=utf-8");
        assertThat(checkpoint.headers().firstValue("Cache-Control")).contains("no-cache");
        await().atMost(Duration.ofSeconds(10)).until(
                () -> get(PREFIX + "checkpoint").body().equals(get("/api/audit/checkpoint").body()));

        assertThat(get("/verify", "Accept", "text/html").body()).contains("as tiles (C2SP tlog-tiles) under "
                                                                           + "/api/audit/tlog");
        JsonNode paths = json(get("/v3/api-docs")).path("paths");
        for (String path : List.of("checkpoint", "tile/{L}/{N}", "tile/{L}/{N}.p/{W}", "tile/entries/{N}",
                                   "tile/entries/{N}.p/{W}")) {
            assertThat(paths.has(PREFIX + path)).as(path).isTrue();
        }
        assertThat(paths.has(PREFIX + "tile/{path}")).as("the catch-all mapping is not described").isFalse();
    }

    @Test
    @Order(3)
    void everyMalformedPathIsA400AndEveryTileBeyondTheSignedTreeA404() {
        long size = size(awaitCheckpointOf(appendedFrom + EVENTS));
        String beyond = SpecTileClient.index(size / 256 + 1);
        String[][] cases = {
                {"tile/00/000", "400", "level <L> must be a whole number from 0 to 63 without leading zeros"},
                {"tile/64/000", "400", "from 0 to 63"},
                {"tile/-1/000", "400", "from 0 to 63"},
                {"tile/1a/000", "400", "from 0 to 63"},
                {"tile/x1/000", "400", "from 0 to 63"},
                {"tile/0/5", "400", "must be three digits (005 for 5"},
                {"tile/0/0005", "400", "must be three digits"},
                {"tile/0/abc", "400", "must be three digits"},
                {"tile/0/99999999999999999999999", "400", "must be three digits"},
                {"tile/0/x005", "400", "must be three digits"},
                {"tile/0/001/x001", "400", "but the last must be x and three digits"},
                {"tile/0/x1/001", "400", "but the last must be x and three digits"},
                {"tile/0/x000/005", "400", "must not start with x000"},
                {"tile/0/001.p/0", "400", "width <W> of a partial tile must be a whole number from 1 to 255"},
                {"tile/0/001.p/256", "400", "from 1 to 255"},
                {"tile/0/001.p/05", "400", "without leading zeros"},
                {"tile/0/001.p/", "400", "must not end with /"},
                {"tile/0/001.p", "400", ".p must be followed by /<W>"},
                {"tile/0/001/", "400", "must not end with /"},
                {"tile/0/001.p/1/", "400", "must not end with /"},
                {"tile/0//001", "400", "but the last must be x"},
                {"tile/0", "400", "the index <N> is missing"},
                {"tile/", "400", "from 0 to 63"},
                {"tile/entries", "400", "the index <N> is missing"},
                {"tile/entries/x001", "400", "must be three digits"},
                {"tile/entries/001.p/300", "400", "from 1 to 255"},
                {"tile/data/000", "400", "or \\\"entries\\\""},
                {"tile/0/00%0A", "400", "must be three digits"},
                {"tile/0/" + beyond, "404", "this tile needs " + (size / 256 + 2) * 256},
                {"tile/entries/" + beyond + ".p/1", "404", "the latest checkpoint has " + size + " entries"},
                {"tile/0/" + SpecTileClient.index(size / 256), "404", "this tile needs " + (size / 256 + 1) * 256},
                {"tile/1/000", "404", "this tile needs 65536"},
                {"tile/7/000.p/1", "404", "this tile needs 72057594037927936"},
                {"tile/8/000.p/1", "404", "no tree holds this tile"},
                {"tile/63/000", "404", "no tree holds this tile"},
                {"tile/0/x999/x999/x999/x999/x999/x999/x999/999", "404", "no tree holds this tile"},
                {"tile/0/" + "x001/".repeat(300) + "000", "404", "no tree holds this tile"},
        };
        for (String[] bad : cases) {
            HttpResponse<String> response = get(PREFIX + bad[0]);
            assertThat(response.statusCode()).as(bad[0] + ": " + response.body()).isEqualTo(Integer.parseInt(bad[1]));
            assertThat(response.headers().firstValue("Content-Type")).as(bad[0])
                                                                     .contains("application/problem+json");
            assertThat(response.headers().firstValue("Cache-Control")).as(bad[0]).contains("no-cache");
            JsonNode problem = json(response);
            assertThat(problem.path("status").asInt()).as(bad[0]).isEqualTo(response.statusCode());
            assertThat(problem.path("type").asText()).as(bad[0]).isEqualTo("urn:consensus-ledger:problem:"
                    + (bad[1].equals("400") ? "malformed-tile-path" : "unknown-tile"));
            assertThat(response.body()).as(bad[0]).contains(bad[2]);
        }
    }

    @Test
    @Order(4)
    void aBundleHoldingAnEntryOver65535BytesIsNotServedAndSaysWhereTheEntryIs() {
        String aggregate = UUID.randomUUID().toString();
        if (log.nextGlobalPosition() % 256 == 0) {
            log.appendEvents(EventLogFixtures.event(aggregate + "-before", 0));
        }
        long position = log.nextGlobalPosition();
        Instant at = Instant.parse("2026-11-22T10:15:30Z");
        log.appendEvents(new GenericDomainEventMessage<>(EventLogFixtures.AGGREGATE_TYPE, aggregate, 0,
                                                         new EventLogFixtures.Noted("x".repeat(70_000), 0, at),
                                                         MetaData.from(Map.of()), "event-" + aggregate, at));
        awaitCheckpointOf(position + 1);
        long n = position / 256;
        int width = (int) (position % 256) + 1;

        HttpResponse<String> refused = get(PREFIX + "tile/entries/" + SpecTileClient.index(n) + ".p/" + width);
        assertThat(refused.statusCode()).isEqualTo(404);
        JsonNode problem = json(refused);
        assertThat(problem.path("type").asText()).isEqualTo("urn:consensus-ledger:problem:entry-too-large");
        assertThat(problem.path("detail").asText()).contains("the entry at position " + position + " is ")
                                                   .contains("more than the 65,535")
                                                   .contains("/api/audit/events?from=" + position + "&limit=1");
        // The bundle up to it, and the level-0 tile holding its hash, are served.
        assertTile(send(PREFIX + "tile/entries/" + SpecTileClient.index(n) + ".p/" + (width - 1)), -1);
        byte[] tile = send(PREFIX + "tile/0/" + SpecTileClient.index(n) + ".p/" + width).body();
        byte[] entry = get("/api/audit/events?from=" + position + "&limit=1").body().strip()
                                                                              .getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOfRange(tile, 32 * (width - 1), 32 * width))
                .isEqualTo(Leaves.leafHash(json(new String(entry, StandardCharsets.UTF_8))));
    }

    private static void assertTile(HttpResponse<byte[]> response, int length) {
        assertThat(response.statusCode()).as(response.uri() + ": " + new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("Cache-Control")).contains("max-age=31536000, public, immutable");
        assertThat(response.headers().firstValue("ETag")).isPresent();
        assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        if (length >= 0) {
            assertThat(response.body()).hasSize(length);
        }
    }

    private String awaitCheckpointOf(long size) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get(PREFIX + "checkpoint");
            return response.statusCode() == 200 ? response.body() : null;
        }, body -> body != null && size(body) >= size);
    }

    private static long size(String checkpoint) {
        return Long.parseLong(checkpoint.split("\n")[1]);
    }

    private byte[] fetch(String path) {
        HttpResponse<byte[]> response = send(path);
        assertThat(response.statusCode()).as(path + ": " + new String(response.body())).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<byte[]> send(String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
