package org.consensusledger.query.site;

import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dossier and the timeline as a reader who is not an engineer reads them: "How this was decided" first, in
 * sentences naming organisations and meetings (linked) and giving dispositions, dissent and appeals in words; a word
 * diff; no id where a name belongs; durations in a past view counted to the instant viewed; a 400 page in words.
 * Organisations and meetings have UUIDs for ids here, as the command side gives them, so that one shown is caught.
 */
class ReaderPagesTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private static final Pattern UUID_SHOWN = Pattern.compile(
            "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);

    private final String gov = UUID.randomUUID().toString();
    private final String cso = UUID.randomUUID().toString();
    private final String biz = UUID.randomUUID().toString();
    private final String body = UUID.randomUUID().toString();
    private final String meeting = UUID.randomUUID().toString();
    private final String decided = UUID.randomUUID().toString();
    private final String setAside = UUID.randomUUID().toString();
    private final String withdrawn = UUID.randomUUID().toString();
    private final String deferred = UUID.randomUUID().toString();
    private final String run = decided.substring(0, 8);

    @BeforeEach
    void aBodyWithADecidedASetAsideAndAWithdrawnProposal() {
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry " + run, StakeholderGroup.GOVERNMENT,
                                                               "FR"));
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights " + run,
                                                               StakeholderGroup.CIVIL_SOCIETY, null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme " + run, StakeholderGroup.PRIVATE_SECTOR,
                                                               null));
        append("Body", body, new BodyEstablished(body, "Data plenary " + run, BodyKind.PLENARY, null, "Decide"));
        for (String member : List.of(gov, cso, biz)) {
            append("Body", body, new MemberAdmitted(body, member, member.equals(gov) ? StakeholderGroup.GOVERNMENT
                    : member.equals(cso) ? StakeholderGroup.CIVIL_SOCIETY : StakeholderGroup.PRIVATE_SECTOR,
                                                    AdmissionPath.BY_SECRETARIAT, null, null));
        }
        append("Body", body, new CoChairAppointed(body, gov));
        append("Meeting", meeting, new MeetingScheduled(meeting, body, "Session one " + run, AT,
                                                        MeetingFormat.VIRTUAL, null));
        append("Meeting", meeting, new MeetingOpened(meeting, body, gov, AT));
        Map<String, String> byTheCoChair = Map.of("recordedBy", "account-" + run, "actingFor", gov,
                                                  "recordedAs", "CO_CHAIR");

        // Decided by rough consensus with one objection accommodated and one not (the dissent); the appeal dismissed.
        append("Proposal", decided, new ProposalSubmitted(decided, body, biz, "Openness " + run,
                                                          "Publish data.\nKeep it current.", "sha1", meeting, AT),
               byTheCoChair);
        append("Proposal", decided, new ObjectionRaised(decided, body, "o1", gov, StakeholderGroup.GOVERNMENT, 1,
                                                        "Personal data at risk", meeting, AT), byTheCoChair);
        append("Proposal", decided, new ObjectionRaised(decided, body, "o2", cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                        "Not open enough", meeting, AT), byTheCoChair);
        append("Proposal", decided, new ProposalRevised(decided, body, 2,
                                                        "Publish data without personal data.\nKeep it current.",
                                                        "sha2", "Excludes personal data", biz, meeting, AT),
               byTheCoChair);
        append("Proposal", decided, new ObjectionAddressed(decided, body, "o1", Disposition.ACCOMMODATED, 2, null,
                                                           gov, meeting, AT), byTheCoChair);
        append("Proposal", decided, new ObjectionAddressed(decided, body, "o2", Disposition.NOT_ACCOMMODATED, null,
                                                           "Openness is balanced against privacy", gov, meeting, AT),
               byTheCoChair);
        append("Proposal", decided, new SupportExpressed(decided, body, biz, StakeholderGroup.PRIVATE_SECTOR, 2,
                                                         null, meeting, AT), byTheCoChair);
        append("Proposal", decided, new RoughConsensusDeclared(
                decided, body, 2, "sha2", "Every objection addressed",
                List.of(new Dissent("o2", cso, StakeholderGroup.CIVIL_SOCIETY, "Not open enough",
                                    "Openness is balanced against privacy")),
                List.of(new GroupTally(StakeholderGroup.PRIVATE_SECTOR, 1, 0, 0, 0)), gov, meeting, AT),
               byTheCoChair);
        append("Proposal", decided, new AppealLodged(decided, body, "a1", cso, "Our objection was not weighed",
                                                     null, AT.plusSeconds(3600)));
        append("Proposal", decided, new AppealDecided(decided, body, "a1", AppealDecision.DISMISSED,
                                                      "It was weighed and answered", null, null,
                                                      AT.plusSeconds(7200)));
        append("Correction", "fix-" + run, new RecordCorrected("fix-" + run, decided, 1, "e1",
                                                               ObjectionRaised.class.getName(), body,
                                                               "Wrong grounds", "It said: personal data exposed",
                                                               null, AT));

        // Decided, then set aside on appeal; an objection still waits.
        append("Proposal", setAside, new ProposalSubmitted(setAside, body, cso, "Retention " + run,
                                                           "Keep data for ten years.", "s1", null, AT));
        append("Proposal", setAside, new RoughConsensusDeclared(setAside, body, 1, "s1", "Nobody objected",
                                                                List.of(), List.of(), gov, null, AT));
        append("Proposal", setAside, new AppealLodged(setAside, body, "a2", biz, "We were not heard", null, AT));
        append("Proposal", setAside, new AppealDecided(setAside, body, "a2", AppealDecision.UPHELD,
                                                       "Acme was not heard", cso, null, AT));
        append("Proposal", setAside, new ObjectionRaised(setAside, body, "o3", biz, StakeholderGroup.PRIVATE_SECTOR,
                                                         1, "Too long", null, AT));

        // Deferred, then reopened; and another deferred still.
        append("Proposal", deferred, new ProposalSubmitted(deferred, body, gov, "Archives " + run, "Open archives.",
                                                           "d1", null, AT));
        append("Proposal", deferred, new ProposalDeferred(deferred, body, 1, "Wait for the audit", gov, null, AT));
        append("Proposal", deferred, new ProposalReopened(deferred, body, "The audit is in", gov, null,
                                                          AT.plusSeconds(86_400)));

        // Withdrawn by its proposer.
        append("Proposal", withdrawn, new ProposalSubmitted(withdrawn, body, biz, "Fees " + run, "Charge fees.",
                                                            "w1", null, AT));
        append("Proposal", withdrawn, new ProposalWithdrawn(withdrawn, body, biz, "No longer needed", null, AT));
    }

    @Test
    void aDecidedDossierSaysFirstHowItWasDecidedInSentencesWithNamesLinked() {
        String page = awaitPage("/proposals/" + decided, found -> found.contains("Dismissed"));
        String how = section(page, "how");

        assertThat(page.indexOf("id=\"how\"")).as("before the view-as-of form")
                                              .isLessThan(page.indexOf("class=\"as-of-forms\""));
        assertThat(text(how)).contains("Decided: rough consensus.")
                             .contains("Ministry " + run + " declared rough consensus on version 2, "
                                               + "March 4, 2026, 9:30 AM UTC.")
                             .contains("In the meeting Session one " + run + ".")
                             .contains("The reasons given: Every objection addressed")
                             .contains("Objections (2)")
                             .contains("Ministry " + run + " (Government) objected to version 1: "
                                               + "Personal data at risk")
                             .contains("Accommodated: Ministry " + run + " recorded that version 2 accommodates it.")
                             .contains("Open Rights " + run + " (Civil society) objected to version 1: "
                                               + "Not open enough")
                             .contains("Not accommodated: Ministry " + run + " set it aside, for these reasons: "
                                               + "Openness is balanced against privacy")
                             .contains("Open Rights " + run + " (Civil society): Not open enough")
                             .contains("Open Rights " + run + " appealed, March 4, 2026, 10:30 AM UTC: "
                                               + "Our objection was not weighed")
                             .contains("Dismissed: The secretariat dismissed the appeal, March 4, 2026, 11:30 AM UTC, and "
                                               + "the outcome stands: It was weighed and answered");
        assertThat(how).contains("<a href=\"/organisations/" + gov + "\">Ministry " + run + "</a>")
                       .contains("<a href=\"/organisations/" + cso + "\">Open Rights " + run + "</a>")
                       .contains("<a href=\"/meetings/" + meeting + "\">Session one " + run + "</a>")
                       .contains("<a href=\"#version-2\">version 2</a>")
                       .contains("The reasons given: <q>Every objection addressed</q>")
                       .contains("for these reasons: <q>Openness is balanced against privacy</q>");
        assertThat(page).contains("id=\"version-2\"");
        assertThat(visibleText(page)).doesNotContainPattern(UUID_SHOWN);
    }

    @Test
    void aProposalSetAsideOnAppealOrWithdrawnSaysSoPlainly() {
        String reopened = text(section(awaitPage("/proposals/" + setAside, found -> found.contains("Too long")),
                                       "how"));
        String gone = text(section(awaitPage("/proposals/" + withdrawn, found -> found.contains("Withdrawn by")),
                                   "how"));

        assertThat(reopened).contains("The outcome was set aside on appeal: the proposal is open again")
                            .contains("This outcome was set aside when the appeal of Acme " + run + " was upheld.")
                            .contains("Upheld: Open Rights " + run + " upheld the appeal")
                            .contains("Waiting for its disposition: it has waited");
        String again = text(section(awaitPage("/proposals/" + deferred, found -> found.contains("Reopened")),
                                    "how"));
        assertThat(again).contains("Reopened March 5, 2026, 9:30 AM UTC after it was deferred")
                         .contains("Ministry " + run + " deferred the decision on version 1, March 4, 2026, 9:30 AM UTC.")
                         .contains("The reasons given: Wait for the audit");
        assertThat(gone).contains("Withdrawn by Acme " + run + ", March 4, 2026, 9:30 AM UTC: nothing more will be "
                                          + "decided on it.");
        String undecided = get("/proposals/" + withdrawn, "Accept", "text/html").body();
        assertThat(undecided).doesNotContain("Appeals</h3>");
    }

    @Test
    void theDiffIsWordByWordWithRemovedAndAddedWordsNamedNotOnlyColoured() {
        String page = awaitPage("/proposals/" + decided, found -> found.contains("Dismissed"));

        assertThat(page).contains("What changed from version 1: removed words are struck through, added words are "
                                          + "underlined.")
                        .containsPattern("<p class=\"diff\" aria-describedby=\"changes-2\">Publish data<ins><span "
                                                 + "class=\"visually-hidden\">added:</span> without personal data"
                                                 + "</ins>\\.\nKeep it current\\.</p>")
                        .doesNotContain("@@")
                        .doesNotContain("<pre class=\"diff\"");
        // The JSON API keeps the unified diff.
        assertThat(get("/api/public/proposals/" + decided).body()).contains("@@ -1,2 +1,2 @@");
    }

    @Test
    void theTimelineNamesWhoActedWhoRecordedItAndTheMeetingWithLinksAndNoId() {
        String page = awaitPage("/proposals/" + decided + "/timeline", found -> found.contains("Correction of"));

        assertThat(page).containsPattern("Whose act</dt>\\s*<dd><a href=\"/organisations/" + gov + "\">Ministry "
                                                 + run + "</a></dd>")
                        .contains("<span class=\"recorder\">a co-chair&#39;s delegate for <a href=\"/organisations/"
                                          + gov + "\">Ministry " + run + "</a></span>")
                        .contains("<a href=\"/meetings/" + meeting + "\">Session one " + run + "</a>")
                        .containsPattern("Correction of the step</strong>\\s*“<span>Objection raised</span>”")
                        .contains("Appeal decided", "Rough consensus declared");
        assertThat(visibleText(page)).doesNotContainPattern(UUID_SHOWN)
                                     .doesNotContain("org.consensusledger")
                                     .doesNotContain("NOT_ACCOMMODATED");
    }

    @Test
    void inAPastViewAWaitingObjectionHasWaitedUntilTheInstantViewed() {
        awaitPage("/proposals/" + setAside, found -> found.contains("Too long"));
        Instant viewed = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        String json = get("/api/public/proposals/" + setAside + "?asOf=" + viewed).body();
        String then = get("/proposals/" + setAside + "?asOf=" + viewed, "Accept", "text/html").body();
        String now = get("/proposals/" + setAside, "Accept", "text/html").body();

        assertThat(Duration.parse(json(json).path("objections").get(0).path("waited").asText()))
                .isEqualTo(Duration.between(AT, viewed));
        assertThat(waited(then)).isNotEqualTo(waited(now));
    }

    @Test
    void aBadParameterIsSaidInWordsWithoutAPatternOrAType() {
        awaitPage("/proposals/" + decided, found -> found.contains("Dismissed"));

        HttpResponse<String> status = get("/proposals?status=LOST", "Accept", "text/html");
        HttpResponse<String> instant = get("/proposals/" + decided + "?asOf=yesterday", "Accept", "text/html");
        HttpResponse<String> page = get("/proposals?page=-1", "Accept", "text/html");
        HttpResponse<String> longId = get("/proposals/" + "x".repeat(101), "Accept", "text/html");
        HttpResponse<String> unknown = get("/proposals/no-such-proposal", "Accept", "text/html");

        assertThat(List.of(status, instant, page, longId)).allSatisfy(
                response -> assertThat(response.statusCode()).isEqualTo(400));
        assertThat(text(main(status.body()))).contains("The status asked for is not one the site knows. "
                                                               + "It can be: open, call for consensus open, decided, "
                                                               + "under appeal, deferred, withdrawn.");
        assertThat(text(main(instant.body()))).contains("“yesterday” cannot be read as a date (2026-12-04)");
        assertThat(text(main(page.body()))).contains("The page number asked for must be 0 or more.");
        assertThat(text(main(longId.body()))).contains("The identifier in the address must be at most 100 characters "
                                                               + "long.");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(text(main(unknown.body()))).contains("There is no proposal at this address");
        for (HttpResponse<String> response : List.of(status, instant, page, longId, unknown)) {
            assertThat(text(main(response.body()))).doesNotContain("|", "Instant", "ProposalStatus", "must match",
                                                                   "no-such-proposal", "LOST");
        }
        // Only a date the reader typed is said back to them (cut, control characters written out: SiteTimeTest).
        for (HttpResponse<String> response : List.of(status, page, longId, unknown)) {
            assertThat(text(main(response.body()))).doesNotContain("yesterday");
        }
    }

    private static String waited(String page) {
        Matcher waited = Pattern.compile("it has waited ([^<]+) so far").matcher(page);
        assertThat(waited.find()).as("a waiting objection in %s", page).isTrue();
        return waited.group(1);
    }

    /** As every site test waits for a page, and a 5xx on the way fails at once. */
    @Override
    protected String awaitPage(String path, Predicate<String> ready) {
        List<String> last = new ArrayList<>(List.of(""));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get(path, "Accept", "text/html");
            last.set(0, response.body());
            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isLessThan(500);
            return response.statusCode() == 200 && ready.test(response.body());
        });
        return last.get(0);
    }

    /** The section labelled by the heading with this id. */
    private static String section(String page, String heading) {
        int start = page.indexOf("<section aria-labelledby=\"" + heading + "\"");
        assertThat(start).as("section %s in %s", heading, page).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    private static String main(String page) {
        return page.substring(page.indexOf("<main"), page.indexOf("</main>"));
    }

    /** What the page shows, without its markup: the header, the content and the footer. */
    private static String visibleText(String page) {
        return text(page.substring(page.indexOf("<body"), page.indexOf("</body>")));
    }

    private static String text(String html) {
        return HtmlUtils.htmlUnescape(html.replaceAll("(?s)<!--.*?-->", "").replaceAll("<[^>]+>", "")
                                          .replaceAll("\\s+", " "));
    }
}
