package org.consensusledger.query.site;

import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The site in the reader's language over HTTP: from {@code Accept-Language}, or chosen with {@code ?lang=} and
 * remembered in the cookie {@code lang}; anything naming no language the site speaks changes nothing; a bundle alone
 * adds a language (the test-only Arabic, written right to left); numbers follow the language; and the page cache
 * never hands a reader a page made in another language.
 */
class LanguagesPagesTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    private String body;
    private String proposal;

    @BeforeEach
    void aPlenaryWithOneMemberAndItsProposal() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        body = "lang-" + run;
        String member = "gov-" + run;
        append("Organisation", member, new OrganisationRegistered(member, "Ministry " + run,
                                                                  StakeholderGroup.GOVERNMENT, "FR"));
        append("Body", body, new BodyEstablished(body, "Plenary " + run, BodyKind.PLENARY, null, "Mandate " + run));
        append("Body", body, new MemberAdmitted(body, member, StakeholderGroup.GOVERNMENT,
                                                AdmissionPath.BY_SECRETARIAT, null, null));
        proposal = "p-" + run;
        append("Proposal", "p-" + run, new ProposalSubmitted("p-" + run, body, member, "Openness " + run, "Text",
                                                             "sha", null, AT));
        awaitPage("/bodies/" + body, page -> page.contains("Ministry " + run));
    }

    @Test
    void accessLanguageFrenchGivesTheSiteInFrenchWithItsSwitch() {
        HttpResponse<String> page = get("/bodies/" + body, "Accept-Language", "fr-CH, fr;q=0.9, en;q=0.5");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(oneLine(page.body())).contains("<html lang=\"fr\" dir=\"ltr\">", "<h2 id=\"members\">Membres")
                                        .contains("Réunions")
                               .contains("<nav class=\"languages\" aria-label=\"Langue\">")
                               .contains("<a href=\"/bodies/" + body + "?lang=fr\" lang=\"fr\" hreflang=\"fr\" "
                                                 + "dir=\"ltr\" aria-current=\"true\">Français</a>")
                               .contains("<a href=\"/bodies/" + body + "?lang=es\" lang=\"es\" hreflang=\"es\" "
                                                 + "dir=\"ltr\">Español</a>")
                               .contains("<a href=\"/bodies/" + body + "?lang=en\" lang=\"en\" hreflang=\"en\" "
                                                 + "dir=\"ltr\">English</a>");
        assertThat(page.headers().allValues("Set-Cookie")).isEmpty();
        assertThat(page.headers().firstValue("Vary").orElse("")).contains("Accept-Language", "Cookie");
    }

    @Test
    void aPageServedFromThePageCacheStillSaysItsLanguage() {
        for (String path : List.of("/proposals/" + proposal, "/bodies/" + body)) {
            // The second request is served from memory once the page's version stays put between the two (a body's
            // page is versioned by every read model's stored tokens and the latest checkpoint, which settle a few
            // seconds after the last event).
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                HttpResponse<String> rendered = get(path, "Accept-Language", "fr");
                HttpResponse<String> kept = get(path, "Accept-Language", "fr");

                assertThat(rendered.headers().firstValue("Content-Language")).as(path).contains("fr");
                assertThat(kept.headers().firstValue("ETag")).as(path)
                                                             .isEqualTo(rendered.headers().firstValue("ETag"));
                assertThat(kept.headers().firstValue("Content-Language")).as(path + " kept").contains("fr");
                assertThat(kept.body()).contains("<html lang=\"fr\" dir=\"ltr\">");
            });
        }
    }

    @Test
    void theLangParameterChoosesSpanishAndTheCookieRemembersIt() {
        HttpResponse<String> chosen = get("/bodies/" + body + "?lang=es", "Accept-Language", "fr");

        assertThat(chosen.body()).contains("<html lang=\"es\" dir=\"ltr\">", "Miembros", "Reuniones")
                                 .contains("aria-current=\"true\">Español</a>");
        String cookie = chosen.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("lang=es;").contains("Path=/", "Max-Age=31536000", "SameSite=Lax");

        HttpResponse<String> remembered = get("/bodies/" + body, "Cookie", "lang=es", "Accept-Language", "fr");
        assertThat(remembered.body()).contains("<html lang=\"es\" dir=\"ltr\">", "Miembros");
        assertThat(remembered.headers().allValues("Set-Cookie")).isEmpty();
    }

    @Test
    void aValueNamingNoLanguageSpokenHereChangesNothing() {
        for (String value : List.of("../../x", "zz", "%00", "%01", "fr%0d%0aX-Injected:%20yes", "%2e%2e%2fetc",
                                    "x".repeat(300))) {
            HttpResponse<String> page = get("/bodies/" + body + "?lang=" + value, "Accept-Language", "fr");
            assertThat(page.statusCode()).as(value).isEqualTo(200);
            assertThat(page.body()).as(value).contains("<html lang=\"fr\" dir=\"ltr\">");
            assertThat(page.headers().allValues("Set-Cookie")).as(value).isEmpty();
            assertThat(page.headers().map()).as(value).doesNotContainKey("x-injected");
        }
        for (String cookie : List.of("lang=zz", "lang=../../x", "lang=", "lang=fr-!!", "lang=%66%72")) {
            HttpResponse<String> page = get("/bodies/" + body, "Cookie", cookie);
            assertThat(page.statusCode()).as(cookie).isEqualTo(200);
            assertThat(page.body()).as(cookie).contains("<html lang=\"en\" dir=\"ltr\">");
        }
        HttpResponse<String> accepted = get("/bodies/" + body, "Accept-Language", "zz, ../../x;q=0.5, *;q=0.1");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("<html lang=\"en\" dir=\"ltr\">", "Members");
    }

    @Test
    void aBundleAloneAddsALanguageWrittenRightToLeft() {
        HttpResponse<String> page = get("/", "Accept-Language", "ar");

        assertThat(oneLine(page.body())).contains("<html lang=\"ar\" dir=\"rtl\">")
                               .contains("<h1>القرارات وكيف اتُّخذت</h1>")
                               // what the translator has not translated yet is in English
                               .contains("Latest decisions")
                               .contains("aria-current=\"true\">العربية</a>")
                               .contains("<a href=\"/?lang=ar\" lang=\"ar\" hreflang=\"ar\" dir=\"rtl\"");
    }

    @Test
    void theSwitchLinksToThePageAskedForEvenFromAnErrorPageAndNeverToAnotherSite() {
        String missing = oneLine(get("/bodies/no-such-body?lang=es", "Accept", "text/html").body());
        String doubled = oneLine(get("//example.org/x?lang=fr", "Accept", "text/html").body());

        assertThat(missing).contains("<html lang=\"es\"", "<a href=\"/bodies/no-such-body?lang=fr\" lang=\"fr\"");
        assertThat(doubled).doesNotContain("href=\"//").contains("<a href=\"/example.org/x?lang=en\"");
    }

    @Test
    void theSwitchKeepsThePageOtherParameters() {
        String page = oneLine(get("/proposals?q=openness&status=OPEN&lang=fr&tz=" + "x".repeat(300)
                                          + "&page=%07").body());

        assertThat(page).contains("<html lang=\"fr\"")
                        .contains("<a href=\"/proposals?q=openness&amp;status=OPEN&amp;lang=es\" lang=\"es\"")
                        // what no page takes is not carried over: a value too long, a control character
                        .doesNotContain("x".repeat(300), "%07")
                        .contains("<a href=\"/proposals?q=openness&amp;status=OPEN&amp;lang=fr\" lang=\"fr\" "
                                          + "hreflang=\"fr\" dir=\"ltr\" aria-current=\"true\">");
    }

    @Test
    void numbersAreWrittenAsTheLanguageWritesThem() {
        String english = awaitPage("/bodies/" + body + "/engagement", found -> found.contains("100% of members"));
        String french = get("/bodies/" + body + "/engagement?lang=fr").body();

        assertThat(english).containsPattern(">100%</td>");
        assertThat(french).containsPattern("100[\u00a0\u202f]% des membres");
    }

    @Test
    void aFrenchReaderNeverGetsAPageKeptInEnglish() {
        String path = "/bodies/" + body;
        get(path);
        HttpResponse<String> english = get(path);
        String englishTag = english.headers().firstValue("ETag").orElseThrow();
        assertThat(english.body()).contains("<html lang=\"en\"", "Members");

        HttpResponse<String> french = get(path, "Accept-Language", "fr");
        HttpResponse<String> revalidated = get(path, "Accept-Language", "fr", "If-None-Match", englishTag);
        HttpResponse<String> byCookie = get(path, "Cookie", "lang=fr");
        HttpResponse<String> inAnotherZone = get(path, "Cookie", "tz=Europe/Paris");

        assertThat(french.body()).contains("<html lang=\"fr\"", "Membres").doesNotContain("<html lang=\"en\"");
        assertThat(french.headers().firstValue("ETag")).isPresent().isNotEqualTo(english.headers()
                                                                                          .firstValue("ETag"));
        assertThat(revalidated.statusCode()).isEqualTo(200);
        assertThat(revalidated.body()).contains("Membres");
        assertThat(byCookie.body()).contains("<html lang=\"fr\"", "Membres");
        assertThat(inAnotherZone.headers().firstValue("ETag")).isPresent().isNotEqualTo(english.headers()
                                                                                                .firstValue("ETag"));
        // while nothing changes, the English page is still revalidated as English (other tests' events may move it on)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            String tag = get(path).headers().firstValue("ETag").orElseThrow();
            assertThat(get(path, "If-None-Match", tag).statusCode()).isEqualTo(304);
        });
    }

    private static String oneLine(String page) {
        return page.replaceAll("\\s+", " ");
    }
}
