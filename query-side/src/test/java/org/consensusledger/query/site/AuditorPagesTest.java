package org.consensusledger.query.site;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor's door, over HTTP: "Verify this record" (the jar it serves is the one whose SHA-256 it shows, the key
 * and its fingerprint are the log's, the commands name this ledger), the proof page of an event (its leaf hash, root
 * and path are the JSON proof's, its raw forms a link away; hostile positions are error pages), the accessibility
 * statement, the footer's links on every page, and the security headers of every kind of answer of the query side.
 */
class AuditorPagesTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private static final String POLICY = "default-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private String proposal;
    private long position;

    @BeforeEach
    void aProposalInTheSignedLog() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        proposal = "p-" + run;
        append("Organisation", "org-" + run, new OrganisationRegistered("org-" + run, "Open Rights " + run,
                                                                        StakeholderGroup.CIVIL_SOCIETY, null));
        append("Body", "wg-" + run, new BodyEstablished("wg-" + run, "Audit group " + run, BodyKind.WORKING_GROUP,
                                                        "plenary-" + run, "Check"));
        append("Proposal", proposal, new ProposalSubmitted(proposal, "wg-" + run, "org-" + run, "Open audit " + run,
                                                           "Publish the log.", "sha1", null, AT));
        String line = get("/api/audit/aggregates/" + proposal + "/events").body().lines().findFirst().orElseThrow();
        position = json(line).path("globalPosition").asLong();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> checkpoint = get("/api/audit/checkpoint");
            return checkpoint.statusCode() == 200 && Long.parseLong(checkpoint.body().lines().skip(1).findFirst()
                                                                            .orElse("0")) > position;
        });
        // The pages come from read models of their own, which may take the proposal in after the tree has.
        await().atMost(Duration.ofSeconds(30)).until(
                () -> get("/proposals/" + proposal, "Accept", "text/html").statusCode() == 200
                        && get("/proposals/" + proposal + "/timeline", "Accept", "text/html").statusCode() == 200);
    }

    @Test
    void theVerifyPageServesTheJarWhoseFingerprintItShowsAndTheLogsKey() {
        HttpResponse<String> page = get("/verify", "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertThat(html).contains("<h1>Verify this record</h1>", "What the signed log promises",
                                  "What it does not promise", "Save a checkpoint to compare with later");
        assertStandalonePage(html);

        HttpResponse<byte[]> jar = getBytes("/verify/consensus-ledger-verifier.jar");
        assertThat(jar.statusCode()).isEqualTo(200);
        assertThat(jar.headers().firstValue("Content-Type")).hasValue("application/java-archive");
        assertThat(jar.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment", "consensus-ledger-verifier.jar");
        assertThat(jar.body()).isEqualTo(resource("verifier/consensus-ledger-verifier.jar"));
        assertThat(jar.headers().firstValue("Repr-Digest")).hasValue(
                "sha-256=:" + java.util.Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256(jar.body())))
                        + ":");
        assertThat(shown(html, "verifier-sha256")).isEqualTo(sha256(jar.body()));
        assertThat(html).contains("href=\"/verify/consensus-ledger-verifier.jar\"");

        String vkey = get("/api/audit/vkey").body();
        assertThat(shown(html, "verifier-key")).isEqualTo(vkey.strip());
        assertThat(shown(html, "verifier-key-fingerprint"))
                .isEqualTo(sha256(vkey.getBytes(StandardCharsets.UTF_8)));
        String base = "http://localhost:8082"; // ledger.audit.public-base-url (its default in these tests)
        assertThat(shown(html, "verify-command")).isEqualTo(
                "java -jar consensus-ledger-verifier.jar --server " + base + " --vkey &#39;" + vkey.strip() + "&#39;");
        assertThat(shown(html, "save-command"))
                .matches(Pattern.quote("curl -s " + base + "/api/audit/checkpoint &gt; checkpoint-") + "\\d+\\.txt");
        assertThat(html).contains("--require-saved-checkpoint", "--event &lt;position&gt;",
                                  "--meeting &lt;meeting id&gt;");
        assertThat(shown(html, "verifier-memory")).contains("remembers the last checkpoint it verified",
                                                             "a fork", "--max-age", "warns loudly");
        // One key, no witness, no receipt key configured in these tests: each said, nothing invented.
        assertThat(html).doesNotContain("id=\"key-history\"", "id=\"witness-list\"", "id=\"witnessed-list\"",
                                        "id=\"receipt-key\"", "id=\"receipt-command\"", "--receipt");
        assertThat(shown(html, "no-witness")).startsWith("No witness is configured for this ledger yet");
        assertThat(html).contains("Who else vouches for the log", "Receipts");
        assertThat(shown(html, "no-receipt-key")).contains("has no receipt key it can read",
                                                           "does not compare steps with their receipts");
    }

    @Test
    void theProofPageShowsTheEventItsLeafTheCheckpointAndThePathOfTheJsonProof() {
        HttpResponse<String> page = get("/audit/proofs/" + position, "Accept", "text/html");
        assertThat(page.statusCode()).isEqualTo(200);
        String html = page.body();
        assertStandalonePage(html);
        assertThat(html).contains("<h1>Proof that event " + position + " is in the signed log</h1>",
                                  "<dd>Proposal submitted</dd>",
                                  "href=\"/proposals/" + proposal + "/timeline\"",
                                  "href=\"/api/audit/events/" + position + "/proof\"",
                                  "href=\"/api/audit/events?from=" + position + "&amp;limit=1\"",
                                  "The last hash is the checkpoint&#39;s root: the event is in the signed log.",
                                  "java -jar consensus-ledger-verifier.jar --server http://localhost:8082 --event "
                                          + position);

        Matcher raw = Pattern.compile("href=\"/api/audit/proof/inclusion\\?index=" + position
                                              + "&amp;size=(\\d+)\"").matcher(html);
        assertThat(raw.find()).as("the JSON proof's link").isTrue();
        JsonNode proof = json(get("/api/audit/proof/inclusion?index=" + position + "&size=" + raw.group(1)));
        assertThat(shown(html, "leaf-hash")).isEqualTo(proof.path("leafHash").asText());
        assertThat(shown(html, "root")).isEqualTo(proof.path("rootHash").asText());
        List<String> hashes = new ArrayList<>();
        proof.path("hashes").forEach(hash -> hashes.add(hash.asText()));
        assertThat(hashes).isNotEmpty();
        Matcher siblings = Pattern.compile("<td data-label=\"Hash of the proof\"><code class=\"hash\">([^<]+)</code>")
                                  .matcher(html);
        List<String> shownPath = new ArrayList<>();
        while (siblings.find()) {
            shownPath.add(siblings.group(1));
        }
        assertThat(shownPath).isEqualTo(hashes);

        // Against the checkpoint of a given size; a size never signed, and events no checkpoint covers, are 404 pages.
        assertThat(get("/audit/proofs/" + position + "?size=" + raw.group(1), "Accept", "text/html").body())
                .contains("covers " + String.format("%,d", Long.parseLong(raw.group(1))) + " events");
        assertThat(get("/audit/proofs/" + position + "?size=" + (Long.parseLong(raw.group(1)) + 1_000_000),
                       "Accept", "text/html").statusCode()).isEqualTo(404);
        HttpResponse<String> beyond = get("/audit/proofs/999999999", "Accept", "text/html");
        assertThat(beyond.statusCode()).isEqualTo(404);
        assertThat(beyond.body()).contains("<h1>Not found</h1>", "No signed checkpoint covers this yet");
    }

    @Test
    void hostilePositionsAreErrorPagesInWords() {
        for (String hostile : List.of("-1", "abc", "99999999999999999999999", "%F0%9F%98%80", "1.5")) {
            HttpResponse<String> page = get("/audit/proofs/" + hostile, "Accept", "text/html");
            assertThat(page.statusCode()).as(hostile).isEqualTo(400);
            assertThat(page.body()).as(hostile).contains("<h1>This request cannot be answered</h1>");
        }
        assertThat(get("/audit/proofs/1?size=0", "Accept", "text/html").statusCode()).isEqualTo(400);
        // A control character in the address is refused before any page is chosen, still in words.
        HttpResponse<String> malformed = get("/audit/proofs/1%00", "Accept", "text/html");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("<h1>");
    }

    @Test
    void theAccessibilityStatementAndTheFootersLinksOnEveryPage() {
        String statement = get("/accessibility", "Accept", "text/html").body();
        assertStandalonePage(statement);
        assertThat(statement).contains("<h1>Accessibility</h1>", "WCAG) 2.2, level AA", "axe-core", "360 pixels",
                                       "Known limitations", "Report a problem");

        for (String path : List.of("/", "/proposals", "/proposals/" + proposal, "/proposals/" + proposal
                + "/timeline", "/verify", "/accessibility", "/audit/proofs/" + position, "/self-check",
                                   "/proposals/no-such-one")) {
            String html = get(path, "Accept", "text/html").body();
            assertThat(html).as(path).contains("href=\"/verify\">Verify this record</a>",
                                               "href=\"/open-data\">", "href=\"/accessibility\">Accessibility</a>");
        }
        assertThat(get("/proposals/" + proposal + "/timeline", "Accept", "text/html").body())
                .contains("href=\"/audit/proofs/" + position + "\"")
                .doesNotContain("href=\"/api/audit/events/" + position + "/proof\"");
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        String feed = "/feeds/decisions.atom";
        List<String> pages = List.of("/", "/proposals?q=audit", "/proposals/" + proposal,
                                     "/proposals/" + proposal + "/timeline", feed, "/verify", "/accessibility",
                                     "/audit/proofs/" + position, "/self-check", "/site/site.css",
                                     "/proposals/no-such-one", "/bodies/no-such-body", "/audit/proofs/abc",
                                     "/proposals?page=-1", "/no-such-page");
        for (String path : pages) {
            HttpResponse<String> answer = get(path, "Accept", "text/html");
            assertThat(answer.statusCode()).as(path).isLessThan(500);
            assertPageHeaders(answer, path);
        }
        HttpResponse<String> atom = get(feed);
        assertThat(atom.statusCode()).isEqualTo(200);
        assertPageHeaders(atom, feed);

        // A page and a feed served from the page cache, and their revalidation (304), once what they show is still.
        for (String cachedPath : List.of("/proposals/" + proposal, feed)) {
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> cached = get(cachedPath);
                assertPageHeaders(cached, cachedPath);
                HttpResponse<String> notModified = get(cachedPath, "If-None-Match",
                                                       cached.headers().firstValue("ETag").orElseThrow());
                assertThat(notModified.statusCode()).isEqualTo(304);
                assertPageHeaders(notModified, "304 of " + cachedPath);
            });
        }

        // The JSON API: nosniff on successes and problems, no page policy.
        for (String path : List.of("/api/public/proposals", "/api/public/proposals/no-such-one",
                                   "/api/audit/proof/inclusion?index=-1", "/api/audit/vkey",
                                   "/api/audit/events?from=0&limit=1", "/api/no-such-api", "/v3/api-docs")) {
            HttpResponse<String> answer = get(path);
            assertThat(answer.statusCode()).as(path).isLessThan(500);
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).hasValue("no-referrer");
        }
        assertThat(get("/api/public/proposals/no-such-one").statusCode()).isEqualTo(404);
        assertThat(get("/api/audit/proof/inclusion?index=-1").statusCode()).isEqualTo(400);
    }

    private static void assertPageHeaders(HttpResponse<?> answer, String what) {
        assertThat(answer.headers().firstValue("Content-Security-Policy")).as(what).hasValue(POLICY);
        assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
        assertThat(answer.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
    }

    /** The text of the element with this id (as the page escapes it). */
    private static String shown(String html, String id) {
        Matcher found = Pattern.compile("id=\"" + id + "\"[^>]*>([^<]*)<").matcher(html);
        assertThat(found.find()).as("element #" + id).isTrue();
        return found.group(1);
    }

    private static void assertStandalonePage(String html) {
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<main id=\"main\"", "<a class=\"skip\" href=\"#main\">")
                        .doesNotContain("<script", "style=\"");
        assertThat(Pattern.compile("<h1[ >]").matcher(html).results().count()).isEqualTo(1);
    }

    private HttpResponse<byte[]> getBytes(String path) {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = AuditorPagesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
