package org.consensusledger.query.site;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MembershipRequested;
import org.consensusledger.events.meeting.AgendaSet;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.meeting.MinutesSealed;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The places of the public record, in names and words: a meeting's minutes by agenda item with each step naming its
 * proposal and the times the meeting was really held; a body's plenary and working groups, how each member was
 * admitted and the requests still waiting; the latest decisions, the latest first; the search by organisation names
 * and objection texts with its filters shown; and an organisation's own page.
 */
class PlacesPagesTest extends QueryApiTest {

    /** The meeting was scheduled for 10:00 and held from 09:00 to 11:00, recorded afterwards by the secretariat. */
    private static final Instant SCHEDULED = Instant.parse("2026-05-12T10:00:00Z");
    private static final Instant OPENED = Instant.parse("2026-05-12T09:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-05-12T11:00:00Z");
    private static final Map<String, String> SECRETARIAT = Map.of("recordedBy", "account-secretariat",
                                                                  "recordedAs", "SECRETARIAT");

    private String run;
    private String plenary;
    private String plenaryName;
    private String group;
    private String groupName;
    private String gov;
    private String cso;
    private String biz;
    private String uni;
    private String meeting;
    private String older;
    private String olderTitle;
    private String newer;
    private String newerTitle;
    private String grounds;

    @BeforeEach
    void aPlenaryWithAWorkingGroupAMeetingAndTwoDecisions() {
        run = UUID.randomUUID().toString().substring(0, 8);
        plenary = "plenary-" + run;
        plenaryName = "Digital plenary " + run;
        group = "wg-" + run;
        groupName = "Open data group " + run;
        gov = "gov-" + run;
        cso = "cso-" + run;
        biz = "biz-" + run;
        uni = "uni-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry " + run, StakeholderGroup.GOVERNMENT,
                                                               "FR"));
        append("Organisation", cso, new OrganisationRegistered(cso, "Watchdog " + run, StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme " + run, StakeholderGroup.PRIVATE_SECTOR,
                                                               null));
        append("Organisation", uni, new OrganisationRegistered(uni, "University " + run, StakeholderGroup.ACADEMIA,
                                                               null));
        append("Body", plenary, new BodyEstablished(plenary, plenaryName, BodyKind.PLENARY, null, "Decide"));
        append("Body", group, new BodyEstablished(group, groupName, BodyKind.WORKING_GROUP, plenary, "Draft"));
        append("Body", group, new MemberAdmitted(group, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                 null, null));
        append("Body", group, new CoChairAppointed(group, gov));
        append("Body", group, new MemberAdmitted(group, cso, StakeholderGroup.CIVIL_SOCIETY, AdmissionPath.ON_REQUEST,
                                                 cso, null));
        append("Body", group, new MemberAdmitted(group, biz, StakeholderGroup.PRIVATE_SECTOR,
                                                 AdmissionPath.BY_CO_CHAIR, cso, gov));
        append("Body", group, new MembershipRequested(group, uni, StakeholderGroup.ACADEMIA, gov));

        meeting = "m-" + run;
        older = "older-" + run;
        olderTitle = "Older principle " + run;
        newer = "newer-" + run;
        newerTitle = "Newer principle " + run;
        grounds = "Sovereignty clause " + run + " missing";
        append("Meeting", meeting, new MeetingScheduled(meeting, group, "Spring session", SCHEDULED,
                                                        MeetingFormat.IN_PERSON, "Geneva"));
        append("Meeting", meeting, new MeetingOpened(meeting, group, null, OPENED), SECRETARIAT);
        append("Meeting", meeting, new AttendanceRecorded(meeting, group, gov, AttendanceMode.IN_PERSON, OPENED),
               SECRETARIAT);
        // Taken up before the agenda was set: other business.
        append("Proposal", older, new ProposalSubmitted(older, group, gov, olderTitle, "Keep records.", "sha-o",
                                                        meeting, OPENED.plusSeconds(60)), SECRETARIAT);
        append("Meeting", meeting, new AgendaSet(meeting, group, List.of(newer), null), SECRETARIAT);
        append("Proposal", newer, new ProposalSubmitted(newer, group, biz, newerTitle, "Publish records.", "sha-n",
                                                        meeting, OPENED.plusSeconds(120)), SECRETARIAT);
        append("Proposal", newer, new ObjectionRaised(newer, group, "o1", cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                      grounds, meeting, OPENED.plusSeconds(180)), SECRETARIAT);
        append("Proposal", newer, new ConcernRaised(newer, group, "c1", gov, StakeholderGroup.GOVERNMENT, 1,
                                                    "Upkeep budget " + run, meeting, OPENED.plusSeconds(200)),
               SECRETARIAT);
        append("Proposal", newer, new ObjectionAddressed(newer, group, "o1", Disposition.NOT_ACCOMMODATED, null,
                                                         "Outside the mandate", gov, meeting,
                                                         OPENED.plusSeconds(240)), SECRETARIAT);
        append("Proposal", older, new SupportExpressed(older, group, cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                       "Agreed", meeting, OPENED.plusSeconds(250)), SECRETARIAT);
        append("Proposal", older, roughConsensus(older, List.of(), null, Instant.now()));
        append("Proposal", newer, roughConsensus(newer, List.of(new Dissent("o1", cso, StakeholderGroup.CIVIL_SOCIETY,
                                                                            grounds, "Outside the mandate")),
                                                 meeting, OPENED.plusSeconds(300)), SECRETARIAT);
        append("Meeting", meeting, new MeetingClosed(meeting, group, null, CLOSED, null), SECRETARIAT);
        append("Meeting", meeting, new MinutesSealed(meeting, group, 1, 2, "sealing-checkpoint-" + run),
               Map.of("recordedAs", "LEDGER"));
        // A correction of the older decision's submission, recorded after the newer decision: the older one changed
        // last, but was not decided last.
        append("Correction", "fix-" + run, new RecordCorrected("fix-" + run, older, 0, "e0",
                                                               ProposalSubmitted.class.getName(), group, "Typo",
                                                               "Keep the records.", null, OPENED));
    }

    private RoughConsensusDeclared roughConsensus(String proposal, List<Dissent> dissent, String in, Instant at) {
        return new RoughConsensusDeclared(proposal, group, 1, "sha", "Addressed", dissent, List.of(), gov, in, at);
    }

    @Test
    void theMinutesFollowTheAgendaAndNameTheProposalOfEveryStep() {
        String page = awaitPage("/meetings/" + meeting, found -> found.contains("The seal was recorded"));

        // The agenda's item first, then what was done before the agenda was set, under a heading of its own.
        int item = page.indexOf("<h3 id=\"item-1\">");
        int other = page.indexOf("<h3 id=\"other-business\">");
        assertThat(item).isPositive();
        assertThat(other).isGreaterThan(item);
        assertThat(page.substring(item, page.indexOf("</h3>", item)))
                .contains("Item 1:").contains("<a href=\"/proposals/" + newer + "\">" + newerTitle + "</a>");
        assertThat(page.substring(other, page.indexOf("</h3>", other))).contains("Other business");
        String onAgenda = page.substring(item, other);
        String otherBusiness = page.substring(other, page.indexOf("</section>", other));
        assertThat(onAgenda).contains("Objection raised", grounds, "Concern raised", "Objection addressed",
                                      "Not accommodated", "Rough consensus declared")
                            .doesNotContain(olderTitle);
        assertThat(otherBusiness).contains("Proposal submitted", "Support expressed", olderTitle)
                                 .doesNotContain(grounds);
        // Every line names its proposal by title, with a link: never "the proposal".
        for (String section : List.of(onAgenda, otherBusiness)) {
            List<String> lines = lines(section);
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line).containsPattern(
                    "<span>on</span> <a class=\"proposal\" href=\"/proposals/(" + newer + "|" + older + ")\">"
                            + "(" + newerTitle + "|" + olderTitle + ")</a>"));
        }
        assertThat(lines(otherBusiness)).hasSize(2);
        assertThat(page).doesNotContainIgnoringCase("the proposal<");
    }

    @Test
    void theMinutesGiveTheTimesTheMeetingWasHeldBesideTheScheduledOneAndTheirSeal() {
        String page = awaitPage("/meetings/" + meeting, found -> found.contains("The seal was recorded"));

        assertThat(page).containsPattern("Scheduled for</span>\\s*<time datetime=\"2026-05-12T10:00:00Z\">")
                        .containsPattern("Opened</span>\\s*<time datetime=\"2026-05-12T09:00:00Z\">")
                        .containsPattern("Closed</span>\\s*<time datetime=\"2026-05-12T11:00:00Z\">");
        String held = page.substring(page.indexOf("<ul class=\"held\">"), page.indexOf("</ul>",
                                                                                      page.indexOf("class=\"held\"")));
        assertThat(Pattern.compile("recorded afterwards, on [^<]+, by\\s*<span class=\"recorder\">"
                                           + "the secretariat</span>").matcher(held).results().count())
                .isEqualTo(2);
        assertThat(page).contains("sealing-checkpoint-" + run)
                        .contains("href=\"/audit/proofs/1\"")
                        .contains("href=\"/verify\"");

        JsonNode minutes = json(get("/api/public/meetings/" + meeting));
        assertThat(minutes.path("meeting").path("opening").path("recordedAs").asText()).isEqualTo("SECRETARIAT");
        assertThat(minutes.path("sections").get(0).path("proposalId").asText()).isEqualTo(newer);
        assertThat(minutes.path("sections").get(1).path("onAgenda").asBoolean()).isFalse();
    }

    @Test
    void aMeetingOpenedLiveIsNotSaidToBeRecordedAfterwards() {
        String live = "live-" + run;
        append("Meeting", live, new MeetingScheduled(live, group, "Live session", SCHEDULED, MeetingFormat.VIRTUAL,
                                                     null));
        append("Meeting", live, new MeetingOpened(live, group, gov, Instant.now()),
               Map.of("recordedAs", "CO_CHAIR", "actingFor", gov));

        String page = awaitPage("/meetings/" + live, found -> found.contains("Opened</span>"));

        assertThat(page).doesNotContain("recorded afterwards").contains("Nothing has been recorded in this meeting.");
    }

    @Test
    void aWorkingGroupLinksToItsPlenaryAndShowsHowEachMemberWasAdmittedAndWhoWaits() {
        String page = awaitPage("/bodies/" + group, found -> found.contains(newerTitle) && found.contains(uni));

        assertThat(page).containsPattern("A working group of</span>\\s*<a href=\"/bodies/" + plenary + "\">"
                                                 + plenaryName + "</a>");
        // Every organisation by name, linked to its own page.
        for (String organisation : List.of(gov, cso, biz, uni)) {
            assertThat(page).contains("<a href=\"/organisations/" + organisation + "\">");
        }
        assertThat(flat(page)).contains("admitted on ", " by the secretariat")
                              .containsPattern("joined on [^<]+ on request, with no approval step, at its own "
                                                       + "request")
                              .containsPattern("admitted on [^<]+ by a co-chair, <a href=\"/organisations/" + gov
                                                       + "\">Ministry " + run + "</a>, proposed by <a href=\""
                                                       + "/organisations/" + cso + "\">Watchdog " + run + "</a>");
        String waiting = page.substring(page.indexOf("<h2 id=\"requests\">"), page.indexOf("id=\"meetings\""));
        assertThat(flat(waiting)).contains("Waiting to be admitted (1)")
                                 .contains("<a href=\"/organisations/" + uni + "\">University " + run + "</a> "
                                                   + "(<span>Academia</span>): proposed on ")
                                 .contains("by <a href=\"/organisations/" + gov + "\">Ministry " + run + "</a>; "
                                                   + "waiting for a co-chair to admit it");
        assertThat(page).contains("<a href=\"/meetings/" + meeting + "\">Spring session</a>")
                        .contains("href=\"/bodies/" + group + "/calendar.ics\"")
                        .contains("href=\"/bodies/" + group + "/meetings.atom\"")
                        .contains("href=\"/open-data\"")
                        .doesNotContain("&#39;&#39;");

        JsonNode body = json(get("/api/public/bodies/" + group));
        assertThat(body.path("plenary").path("bodyId").asText()).isEqualTo(plenary);
        assertThat(body.path("membershipRequests").get(0).path("requestedBy").asText()).isEqualTo(gov);
        assertThat(body.path("membershipRequests").get(0).path("requestedAt").asText()).isNotBlank();
    }

    @Test
    void aPlenaryListsItsWorkingGroups() {
        String page = awaitPage("/bodies/" + plenary, found -> found.contains(groupName));

        assertThat(page).contains("<h2 id=\"working-groups\">Working groups</h2>")
                        .contains("<a href=\"/bodies/" + group + "\">" + groupName + "</a>")
                        .doesNotContain("A working group of");
        assertThat(json(get("/api/public/bodies/" + plenary)).path("workingGroups").findValuesAsText("bodyId"))
                .containsExactly(group);
    }

    @Test
    void theLatestDecisionsComeNewestFirstWhateverChangedSince() {
        String home = awaitPage("/", found -> found.contains(olderTitle) && found.contains(newerTitle));
        // Wait for the correction, which makes the older decision's dossier the last one changed.
        awaitPage("/proposals/" + older, found -> found.contains("Keep the records."));
        home = get("/").body();

        assertThat(home.indexOf(newerTitle)).isPositive().isLessThan(home.indexOf(olderTitle));
        String feed = get("/feeds/bodies/" + group + "/decisions.atom").body();
        assertThat(feed.indexOf(newerTitle)).isPositive().isLessThan(feed.indexOf(olderTitle));
    }

    @Test
    void theSearchFindsProposalsByTheNamesOfOrganisationsAndTheTextsOfObjectionsAndConcerns() {
        awaitPage("/proposals/" + newer, found -> found.contains("Outside the mandate"));
        awaitPage("/proposals/" + older, found -> found.contains("Agreed"));
        awaitPage("/organisations/" + biz, found -> found.contains("Acme " + run));

        // The objector's name (not the proposer's): the newer proposal only.
        assertThat(titlesFound("Watchdog " + run)).containsExactlyInAnyOrder(newerTitle, olderTitle);
        assertThat(titlesFound("acme " + run)).containsExactly(newerTitle);
        assertThat(titlesFound("sovereignty clause " + run)).containsExactly(newerTitle);
        assertThat(titlesFound("Upkeep budget " + run)).containsExactly(newerTitle);
        assertThat(titlesFound("Nobody " + run)).isEmpty();

        JsonNode api = json(get("/api/public/proposals?q=" + encoded("Acme " + run)));
        assertThat(api.path("total").asLong()).isEqualTo(1);
        assertThat(api.path("items").get(0).path("proposalId").asText()).isEqualTo(newer);
        JsonNode then = json(get("/api/public/proposals?q=" + encoded(grounds) + "&asOf="
                                         + encoded(Instant.now().toString())));
        assertThat(then.path("items").findValuesAsText("proposalId")).containsExactly(newer);
        JsonNode thenByName = json(get("/api/public/proposals?q=" + encoded("Acme " + run) + "&asOf="
                                               + encoded(Instant.now().toString())));
        assertThat(thenByName.path("items").findValuesAsText("proposalId")).containsExactly(newer);
    }

    @Test
    void theSearchShowsTheFiltersInForceEachWithAWayToRemoveIt() {
        String page = awaitPage("/proposals?q=" + encoded("Acme " + run) + "&body=" + group
                                        + "&status=DECIDED&outcome=ROUGH_CONSENSUS",
                                // the count and the page are two reads: wait for both to see the decision
                                found -> found.contains("1 proposal found") && found.contains(newerTitle));

        assertThat(page).contains("Searching for:");
        String filters = flat(page.substring(page.indexOf("<ul class=\"filters\""),
                                             page.indexOf("</ul>", page.indexOf("<ul class=\"filters\""))));
        String words = "q=Acme+" + run;
        assertThat(filters).contains("<span>Words</span>: <strong>“Acme " + run + "”</strong> <a href=\"/proposals?"
                                             + "body=" + group + "&amp;status=DECIDED&amp;outcome=ROUGH_CONSENSUS\">"
                                             + "remove this filter (Words)</a>")
                           .contains("<span>Body</span>: <strong>“" + groupName + "”</strong> <a href=\"/proposals?"
                                             + words + "&amp;status=DECIDED&amp;outcome=ROUGH_CONSENSUS\">")
                           .contains("<span>Status</span>: <strong>decided</strong> <a href=\"/proposals?" + words
                                             + "&amp;body=" + group + "&amp;outcome=ROUGH_CONSENSUS\">")
                           .contains("<span>Outcome</span>: <strong>rough consensus</strong> <a href=\"/proposals?"
                                             + words + "&amp;body=" + group + "&amp;status=DECIDED\">");
        assertThat(page).contains("<a href=\"/proposals\">Remove every filter</a>");
        // Each proposal found names its body and its proposer, linked.
        assertThat(flat(page)).contains("<a href=\"/proposals/" + newer + "\">" + newerTitle + "</a> (<a href=\""
                                                + "/bodies/" + group + "\">" + groupName + "</a>; proposed by "
                                                + "<a href=\"/organisations/" + biz + "\">Acme " + run + "</a>)");
        assertThat(get("/proposals").body()).doesNotContain("Searching for:");
    }

    @Test
    void anOrganisationsPageShowsItsMembershipsProposalsObjectionsAndContributions() {
        String page = awaitPage("/organisations/" + cso,
                                found -> found.contains(newerTitle) && found.contains(olderTitle));

        assertThat(page).contains("<h1>Watchdog " + run + "</h1>")
                        .contains("Stakeholder group: Civil society")
                        .contains("<a href=\"/bodies/" + group + "\">" + groupName + "</a>");
        assertThat(flat(page)).containsPattern("joined on [^<]+ on request, with no approval step, at its own "
                                                       + "request")
                              .contains("Its objections (1)")
                              .contains("<span>On</span> <a href=\"/proposals/" + newer + "\">" + newerTitle + "</a>")
                              .contains("“<span>" + grounds + "</span>” — <strong>Not accommodated</strong>"
                                                + "<span>: Outside the mandate</span>")
                              .contains("Its support, stand-asides and concerns (1)")
                              .contains("<strong>Support</strong> <span>on</span> <a href=\"/proposals/" + older
                                                + "\">" + olderTitle + "</a>")
                              .contains("Its proposals (0)");
        String university = awaitPage("/organisations/" + uni, found -> found.contains(groupName));
        assertThat(flat(university)).contains("Stakeholder group: Academia")
                                    .containsPattern("asked to join on [^<]+, waiting for a co-chair to admit it, "
                                                             + "proposed by <a href=\"/organisations/" + gov + "\">");
        String ministry = awaitPage("/organisations/" + gov, found -> found.contains(olderTitle));
        assertThat(flat(ministry)).contains("Its proposals (1)", "— co-chair", "country: FR")
                                  .contains("<a href=\"/proposals/" + older + "\">" + olderTitle + "</a>");

        // Kept rendered like every other page, and revalidated with its ETag (once the read models are at rest).
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String etag = get("/organisations/" + gov).headers().firstValue("ETag").orElseThrow();
            return get("/organisations/" + gov, "If-None-Match", etag).statusCode() == 304;
        });

        HttpResponse<String> unknown = get("/organisations/no-such-organisation", "Accept", "text/html");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<h1>Not found</h1>", "There is no organisation at this address.");
    }

    @Test
    void aDispositionTurnedDownWithShortReasonsNamesItsProposalAndTheObjector() {
        String page = awaitPage("/bodies/" + group + "/engagement", found -> found.contains("Outside the mandate"));

        String flagged = flat(page.substring(page.indexOf("<h2 id=\"short\">")));
        assertThat(flagged).contains("<a href=\"/proposals/" + newer + "\">" + newerTitle + "</a>: the objection of "
                                             + "<a href=\"/organisations/" + cso + "\">Watchdog " + run + "</a>"
                                             + "<span> (“" + grounds + "”)</span>, turned down: "
                                             + "<span>“Outside the mandate”</span>");
    }

    @Test
    void everyAdmissionPathHasItsWords() {
        java.util.ResourceBundle messages = java.util.ResourceBundle.getBundle("messages", java.util.Locale.ROOT);
        for (AdmissionPath path : AdmissionPath.values()) {
            assertThat(messages.containsKey("admission." + path)).as(path.name()).isTrue();
        }
    }

    private List<String> titlesFound(String words) {
        String page = get("/proposals?q=" + encoded(words)).body();
        List<String> titles = new ArrayList<>();
        Pattern.compile("<a href=\"/proposals/[^\"]+\">([^<]+)</a>").matcher(
                page.substring(page.indexOf("id=\"results\""))).results()
               .forEach(found -> titles.add(found.group(1)));
        return titles;
    }

    /** The steps of one part of the minutes, one by one. */
    private static List<String> lines(String section) {
        List<String> lines = new ArrayList<>();
        Pattern.compile("<li>\\s*<time.*?</li>", Pattern.DOTALL).matcher(section).results()
               .forEach(found -> lines.add(flat(found.group())));
        return lines;
    }

    /** The page with its runs of white space made one space, as a reader sees it. */
    private static String flat(String html) {
        return html.replaceAll("\\s+", " ");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
