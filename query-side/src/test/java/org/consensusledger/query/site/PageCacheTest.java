package org.consensusledger.query.site;

import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;

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
import java.util.Arrays;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The site's page cache over HTTP: a page is sent compressed to a browser that asks, revalidated with its ETag for a
 * 304, rendered afresh once what it shows moved on (and only then, for a dossier), and an error page is never kept.
 */
class PageCacheTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    @Test
    void aPageIsCompressedRevalidatedAndRenderedAfreshOnceTheReadModelsMoveOn() throws Exception {
        String body = "cache-" + UUID.randomUUID();
        append("Body", body, new BodyEstablished(body, "Cached plenary", BodyKind.PLENARY, null, "First mandate"));
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/bodies/" + body).statusCode() == 200);

        // A body's page is versioned by every read model's stored tokens and the latest checkpoint, which settle a
        // few seconds after the last event: the same page, compressed and not, and revalidated, once they have.
        java.util.concurrent.atomic.AtomicReference<String> settled = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HttpResponse<byte[]> compressed = bytes("/bodies/" + body, "Accept-Encoding", "gzip");
            assertThat(compressed.headers().firstValue("Content-Encoding")).contains("gzip");
            assertThat(compressed.headers().firstValue("Vary").orElse("")).contains("Accept-Encoding");
            assertThat(gunzip(compressed.body())).contains("Cached plenary").contains("First mandate");
            HttpResponse<String> plain = get("/bodies/" + body);
            assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
            assertThat(plain.body()).contains("First mandate");
            String tag = plain.headers().firstValue("ETag").orElseThrow();
            assertThat(compressed.headers().firstValue("ETag")).contains(tag);

            HttpResponse<String> revalidated = get("/bodies/" + body, "If-None-Match", tag);
            assertThat(revalidated.statusCode()).isEqualTo(304);
            assertThat(revalidated.body()).isEmpty();
            settled.set(tag);
        });
        String etag = settled.get();

        append("Body", body, new MandateAmended(body, "Second mandate", "Widened"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> fresh = get("/bodies/" + body, "If-None-Match", etag);
            assertThat(fresh.statusCode()).isEqualTo(200);
            assertThat(fresh.body()).contains("Second mandate");
            assertThat(fresh.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(etag));
        });
    }

    @Test
    void aDossierPageStaysKeptWhileOtherProposalsChangeAndIsRenderedAfreshWhenItsOwnDoes() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        String org = "org-" + run;
        String kept = "kept-" + run;
        String busy = "busy-" + run;
        append("Organisation", org, new OrganisationRegistered(org, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Body", body, new BodyEstablished(body, "Plenary " + run, BodyKind.PLENARY, null, "Mandate"));
        append("Body", body, new MemberAdmitted(body, org, StakeholderGroup.CIVIL_SOCIETY,
                                                AdmissionPath.BY_SECRETARIAT, null, null));
        append("Proposal", kept, new ProposalSubmitted(kept, body, org, "Kept", "Text", "sha", null, AT));
        append("Proposal", busy, new ProposalSubmitted(busy, body, org, "Busy", "Text", "sha", null, AT));
        // The pages as they stay: every read model they show has taken in the events (the organisation's and the
        // body's names come from projections of their own, which may follow a moment after the dossier's).
        await().atMost(Duration.ofSeconds(20)).until(() -> get("/proposals/" + busy).statusCode() == 200
                && shows(get("/proposals/" + kept), "Open Rights", "Plenary " + run)
                && shows(get("/proposals/" + kept + "/timeline"), "Open Rights"));
        String keptTag = get("/proposals/" + kept).headers().firstValue("ETag").orElseThrow();
        String timelineTag = get("/proposals/" + kept + "/timeline").headers().firstValue("ETag").orElseThrow();

        append("Proposal", busy, new SupportExpressed(busy, body, org, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                      "Agreed", null, AT));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(get("/proposals/" + busy).body()).contains("Agreed"));
        assertThat(get("/proposals/" + kept).headers().firstValue("ETag")).as("not rendered again").contains(keptTag);
        assertThat(get("/proposals/" + kept + "/timeline", "If-None-Match", timelineTag).statusCode()).isEqualTo(304);

        append("Proposal", kept, new SupportExpressed(kept, body, org, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                      "Now supported", null, AT));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            HttpResponse<String> page = get("/proposals/" + kept);
            assertThat(page.body()).contains("Now supported");
            assertThat(page.headers().firstValue("ETag")).isNotEqualTo(java.util.Optional.of(keptTag));
        });
    }

    @Test
    void anErrorPageIsNotKept() {
        String body = "later-" + UUID.randomUUID();
        assertThat(get("/bodies/" + body).statusCode()).isEqualTo(404);
        assertThat(get("/bodies/" + body).headers().firstValue("ETag")).isEmpty();

        append("Body", body, new BodyEstablished(body, "Established later", BodyKind.PLENARY, null, "Mandate"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(get("/bodies/" + body).body()).contains("Established later"));
    }

    private HttpResponse<byte[]> bytes(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String gunzip(byte[] compressed) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean shows(HttpResponse<String> page, String... texts) {
        return page.statusCode() == 200 && Arrays.stream(texts).allMatch(page.body()::contains);
    }
}
