package org.consensusledger.query.site;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.events.record.RecordCorrected;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The public site's pages, rendered on the server from the read models, readable without JavaScript: the home page,
 * a body, a dossier (after a meeting's worth of events: a concern, two objections, a revision, dispositions,
 * support, an outcome with dissent), each also as of an earlier instant.
 */
class SitePagesTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");
    private static final Pattern LINKED = Pattern.compile("(?:href|src|action)=\"([^\"]*)\"");

    private String body;
    private String meeting;
    private String bodyName;
    private String proposal;
    private String proposalTitle;

    @BeforeEach
    void aWorkingGroupWithADecision() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        body = "wg-" + run;
        bodyName = "Data governance " + run;
        proposal = "p-" + run;
        proposalTitle = "Principle of openness " + run;
        String gov = "gov-" + run;
        String cso = "cso-" + run;
        String biz = "biz-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry", StakeholderGroup.GOVERNMENT, "FR"));
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Organisation", biz, new OrganisationRegistered(biz, "Acme", StakeholderGroup.PRIVATE_SECTOR, null));
        append("Body", body, new BodyEstablished(body, bodyName, BodyKind.WORKING_GROUP, "plenary-" + run,
                                                 "Draft the data policy"));
        append("Body", body, new MemberAdmitted(body, gov, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Body", body, new MemberAdmitted(body, cso, StakeholderGroup.CIVIL_SOCIETY,
                                                AdmissionPath.BY_SECRETARIAT, null, null));
        append("Body", body, new CoChairAppointed(body, gov));
        append("Body", body, new CoChairAppointed(body, cso));
        append("Body", body, new MemberAdmitted(body, biz, StakeholderGroup.PRIVATE_SECTOR, AdmissionPath.ON_REQUEST,
                                                biz, null));
        String m = "m-" + run;
        meeting = m;
        append("Meeting", m, new MeetingScheduled(m, body, "Session one", AT, MeetingFormat.HYBRID, "Geneva"));
        append("Meeting", m, new MeetingOpened(m, body, gov, AT));
        append("Meeting", m, new AttendanceRecorded(m, body, gov, AttendanceMode.IN_PERSON, AT));
        append("Meeting", m, new AttendanceRecorded(m, body, cso, AttendanceMode.REMOTE, AT));
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, biz, proposalTitle,
                                                           "Publish data.\nKeep it current.", "sha1", m, AT));
        append("Proposal", proposal, new ConcernRaised(proposal, body, "c1", gov, StakeholderGroup.GOVERNMENT, 1,
                                                       "Cost of upkeep", m, AT));
        append("Proposal", proposal, new ObjectionRaised(proposal, body, "o1", gov, StakeholderGroup.GOVERNMENT, 1,
                                                         "Personal data at risk", m, AT),
               Map.of("recordedBy", "account-chair", "actingFor", gov, "recordedAs", "CO_CHAIR"));
        append("Proposal", proposal, new ObjectionRaised(proposal, body, "o2", cso, StakeholderGroup.CIVIL_SOCIETY, 1,
                                                         "Not open enough", m, AT));
        append("Proposal", proposal, new ProposalRevised(proposal, body, 2,
                                                         "Publish data without personal data.\nKeep it current.",
                                                         "sha2", "Excludes personal data", biz, m, AT));
        append("Proposal", proposal, new ObjectionAddressed(proposal, body, "o1", Disposition.ACCOMMODATED, 2, null,
                                                            gov, m, AT.plus(Duration.ofMinutes(125))));
        append("Proposal", proposal, new ObjectionAddressed(proposal, body, "o2", Disposition.NOT_ACCOMMODATED, null,
                                                            "Openness is balanced against privacy", gov, m, AT));
        append("Proposal", proposal, new SupportExpressed(proposal, body, cso, StakeholderGroup.CIVIL_SOCIETY, 2,
                                                          "Better now", m, AT));
        append("Proposal", proposal, new RoughConsensusDeclared(
                proposal, body, 2, "sha2", "Every objection addressed",
                List.of(new Dissent("o2", cso, StakeholderGroup.CIVIL_SOCIETY, "Not open enough",
                                    "Openness is balanced against privacy")),
                List.of(new GroupTally(StakeholderGroup.GOVERNMENT, 0, 0, 1, 1),
                        new GroupTally(StakeholderGroup.CIVIL_SOCIETY, 1, 0, 0, 1)), gov, m, AT));
        append("Correction", "fix-" + run, new RecordCorrected("fix-" + run, proposal, 1, "e1",
                                                               ConcernRaised.class.getName(), body, "Wrong text",
                                                               "It said: cost of hosting", null, AT));
        append("Meeting", m, new MeetingClosed(m, body, gov, AT.plus(Duration.ofHours(3)), "checkpoint-" + run));
    }

    @Test
    void theHomePageListsTheBodiesAndTheLatestDecisions() {
        String home = awaitPage("/", page -> page.contains(proposalTitle));

        assertThat(home).contains("<a href=\"/bodies/" + body + "\">" + bodyName + "</a>")
                        .contains("meets the terms of reference")
                        .containsPattern(proposalTitle + "</a>\\s*\\(<a href=\"/bodies/" + body + "\">" + bodyName
                                                 + "</a>\\):")
                        .contains("rough consensus")
                        .contains("version 2")
                        .contains("1 dissent")
                        .containsPattern("<time datetime=\"[0-9T:.-]+Z\">[A-Z][a-z]+ \\d{1,2}, \\d{4}, "
                                                 + "\\d{1,2}:\\d{2} [AP]M UTC</time>");
        assertAccessibleStandalonePage(home);
    }

    @Test
    void theBodyPageShowsMembersByGroupCoChairsCompositionMeetingsAndDecisions() {
        String page = awaitPage("/bodies/" + body, found -> found.contains(proposalTitle));

        assertThat(page).contains("<h1>" + bodyName + "</h1>")
                        .contains("Working group")
                        .contains("Draft the data policy")
                        .contains("Co-facilitated by a government: yes")
                        .contains("Co-facilitated by a non-governmental organisation: yes")
                        .contains("Includes a private-sector organisation: yes")
                        .contains("Government (1)", "Civil society (1)", "Private sector (1)")
                        .contains("Session one")
                        .contains("March 4, 2026, 9:30 AM UTC");
        assertThat(coChairsShown(page)).isEqualTo(2);
        assertThat(page).containsPattern("<label for=\"asOf\">[^<]+</label>")
                        .contains("<input id=\"asOf\" name=\"asOf\"");
        assertAccessibleStandalonePage(page);
    }

    @Test
    void viewedAsOfAnEarlierInstantTheBodyPageShowsWhatTheLedgerHeldThen() {
        awaitPage("/bodies/" + body, found -> found.contains(proposalTitle));
        List<String> recorded = new ArrayList<>();
        for (String line : get("/api/audit/aggregates/" + body + "/events").body().split("\n")) {
            recorded.add(json(line).path("timestamp").asText());
        }

        // After the first co-chair's appointment (the body's fourth event) and before the second.
        String then = get("/bodies/" + body + "?asOf=" + recorded.get(3)).body();

        assertThat(coChairsShown(then)).isEqualTo(1);
        assertThat(then).contains("As the ledger held it on")
                        .doesNotContain("Private sector (1)")
                        .doesNotContain(proposalTitle);
    }

    @Test
    void theDossierPageShowsTextDiffContributionsObjectionsWithDispositionsAndTheOutcomeWithDissent() {
        String page = awaitPage("/proposals/" + proposal, found -> found.contains("Dissent recorded (1)"));

        assertThat(page).contains("<h1>" + proposalTitle + "</h1>")
                        .contains("<a href=\"/bodies/" + body + "\">" + bodyName + "</a>")
                        .contains("decided").containsPattern("proposed by <a href=\"/organisations/biz-[0-9a-f]+\">Acme</a>")
                        .contains("The text (version 2)")
                        .contains("Publish data without personal data.\nKeep it current.")
                        // the diff from version 1 to 2, removed and added lines marked
                        .contains("<ins><span class=\"visually-hidden\">added:</span> without personal data</ins>")
                        // objections: by organisation and group, with their disposition, reasons and waiting time
                        .containsPattern("Ministry</a>\\s*\\(<span>Government</span>\\)")
                        .contains("Personal data at risk", "Accommodated", "after 2 hours 5 minutes")
                        .contains("Not open enough", "Not accommodated", "Openness is balanced against privacy")
                        // contributions by organisation and group
                        .containsPattern("<strong>Concern</strong>:\\s*<a href=\"/organisations/gov-[0-9a-f]+\">Ministry</a>")
                        .contains("Cost of upkeep")
                        .containsPattern("<strong>Support</strong>:\\s*<a href=\"/organisations/cso-[0-9a-f]+\">Open Rights</a>")
                        // the outcome, with its dissent and the tallies by group
                        .contains("rough consensus", "Every objection addressed", "Declared by <a href=\"/organisations/gov-")
                        .containsPattern("<strong><a href=\"/organisations/cso-[0-9a-f]+\">Open Rights</a></strong>\\s*\\(<span>Civil society</span>\\):")
                        .contains("Positions by stakeholder group");
        assertAccessibleStandalonePage(page);
    }

    @Test
    void viewedAsOfAnEarlierInstantTheDossierPageShowsWhatTheLedgerHeldThen() {
        awaitPage("/proposals/" + proposal, found -> found.contains("Dissent recorded (1)"));
        List<String> recorded = new ArrayList<>();
        for (String line : get("/api/audit/aggregates/" + proposal + "/events").body().split("\n")) {
            recorded.add(json(line).path("timestamp").asText());
        }

        // After the objections (events 3 and 4), before the revision.
        String then = get("/proposals/" + proposal + "?asOf=" + recorded.get(3)).body();

        assertThat(then).contains("As the ledger held it on", "The text (version 1)", "Waiting for its disposition")
                        .doesNotContain("Dissent recorded")
                        .doesNotContain("without personal data");
    }

    @Test
    void theMeetingPageShowsAttendanceEverythingDoneInOrderAndTheClosingCheckpoint() {
        // The minutes read the dossiers too, whose processor may take the correction in a moment after the meeting's.
        String page = awaitPage("/meetings/" + meeting, found -> found.contains("Closed by")
                && found.contains("Correction of the step"));

        assertThat(page).contains("<h1>Session one</h1>")
                        .contains("hybrid", "Geneva", "closed")
                        .contains("Attendance (2)")
                        .containsPattern(">Ministry</a>\\s*\\(<span>in person</span>\\)")
                        .containsPattern(">Open Rights</a>\\s*\\(<span>remote</span>\\)")
                        .contains("Closed by Ministry")
                        .contains("checkpoint-" + meeting.substring(2));
        List<String> steps = Pattern.compile("<strong>([^<]+)</strong>").matcher(page).results()
                                    .map(found -> found.group(1)).toList();
        // The correction of the concern is shown beside it, in the minutes as in the dossier.
        assertThat(steps).containsExactly("Proposal submitted", "Concern raised", "Correction of the step",
                                          "Objection raised", "Objection raised", "Text revised",
                                          "Objection addressed", "Objection addressed", "Support expressed",
                                          "Rough consensus declared");
        assertThat(page).contains("It said: cost of hosting")
                        .containsPattern("a co-chair&#39;s delegate for <a href=\"/organisations/gov-[0-9a-f]+\">Ministry</a>");
        assertThat(page).containsPattern("Objection raised</strong>\\s*<span>by</span>\\s*"
                                                 + "<a href=\"/organisations/[^\"]+\">Ministry</a>")
                        .contains(": Personal data at risk")
                        .containsPattern("href=\"/proposals/" + proposal + "/timeline#event-\\d+\"");
        assertAccessibleStandalonePage(page);
    }

    @Test
    void theTimelineGivesEveryEventAPermalinkItsRecorderAndAProofThatAnswers() {
        String page = awaitPage("/proposals/" + proposal + "/timeline",
                                found -> found.contains("Correction of the step"));

        List<String> anchors = Pattern.compile("<li id=\"event-(\\d+)\">").matcher(page).results()
                                      .map(found -> found.group(1)).toList();
        assertThat(anchors).hasSize(9);
        assertThat(anchors.stream().map(Long::parseLong).toList()).isSorted();
        for (String position : anchors) {
            assertThat(page).contains("<a href=\"#event-" + position + "\">Position " + position + "</a>")
                            .contains("href=\"/audit/proofs/" + position + "\"");
        }
        assertThat(page).doesNotContain("account-chair")
                        .containsPattern("<span class=\"recorder\">a co-chair&#39;s delegate for <a href=\"/organisations/gov-"
                                                 + "[0-9a-f]+\">Ministry</a></span>")
                        .containsPattern("Correction of the step</strong>\\s*“<span>Concern raised</span>”")
                        .contains("<span>Wrong text</span>")
                        .contains("It said: cost of hosting");
        String last = anchors.get(anchors.size() - 1);
        await().atMost(Duration.ofSeconds(30))
               .until(() -> get("/audit/proofs/" + last, "Accept", "text/html").statusCode() == 200);
        assertAccessibleStandalonePage(page);
    }

    @Test
    void theEngagementPageChartsSharesAsSvgWithTheSameFiguresInATable() {
        // Ready once every contribution is counted (the dossiers and the bodies are kept by processors of their own).
        String page = awaitPage("/bodies/" + body + "/engagement",
                                found -> found.contains("40% of contributions")
                                        && found.contains("20% of contributions")
                                        && found.contains("“Openness is balanced against privacy”"));

        // Members: one organisation per group (33%); contributions: the proposal (private sector), a support
        // (civil society), a concern and an objection (government), an objection (civil society): 5.
        assertThat(page).contains("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" "
                                          + "aria-labelledby=\"chart-title chart-description\"")
                        .contains("<title id=\"chart-title\">", "<desc id=\"chart-description\">")
                        .containsPattern("<text x=\"0\" y=\"28\" class=\"label\">Government</text>\\s*"
                                                 + "<rect x=\"170\" y=\"6\" height=\"20\" class=\"members\" "
                                                 + "width=\"99\\.9\"/>")
                        .containsPattern("33% of members</text>\\s*<rect x=\"170\" y=\"30\" height=\"20\" "
                                                 + "class=\"contributions\" width=\"120\\.0\"/>")
                        .contains("40% of contributions", "20% of contributions");
        String governmentRow = page.substring(page.indexOf("<th scope=\"row\">Government</th>"));
        String row = governmentRow.substring(0, governmentRow.indexOf("</tr>")).replaceAll("\\s+", " ");
        assertThat(row).contains("data-label=\"Share of members\">33%");
        assertThat(row.replaceAll(" data-label=\"[^\"]*\"", ""))
                .contains("<td class=\"number\">1</td> <td class=\"number\">33%</td> "
                                  + "<td class=\"number\">0</td> <td class=\"number\">0</td> "
                                  + "<td class=\"number\">0</td> <td class=\"number\">1</td> "
                                  + "<td class=\"number\">1</td> "
                                  + "<td class=\"number\">2</td> <td class=\"number\">40%</td> "
                                  + "<td class=\"number\">1</td> <td class=\"number\">0</td> "
                                  + "<td class=\"number\">2 hours 5 minutes</td>");
        assertThat(page).contains("Objections turned down with reasons shorter than 40 characters")
                        .contains("“Openness is balanced against privacy”");
        assertAccessibleStandalonePage(page);
        assertThat(get("/bodies/" + body).body()).contains("href=\"/bodies/" + body + "/engagement\"");
    }

    @Test
    void theDecisionFeedsAreAtomWithAnEntryPerDecisionLinkingToItsDossier() throws Exception {
        awaitPage("/proposals/" + proposal, found -> found.contains("Dissent recorded (1)"));

        HttpResponse<String> all = get("/feeds/decisions.atom");
        HttpResponse<String> ofBody = get("/feeds/bodies/" + body + "/decisions.atom");

        assertThat(all.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        SyndFeed everyDecision = new SyndFeedInput().build(new StringReader(all.body()));
        SyndFeed bodyDecisions = new SyndFeedInput().build(new StringReader(ofBody.body()));
        assertThat(everyDecision.getFeedType()).isEqualTo("atom_1.0");
        assertThat(bodyDecisions.getTitle()).isEqualTo("Consensus Ledger: the decisions of " + bodyName);
        assertThat(bodyDecisions.getEntries()).singleElement().satisfies(entry -> {
            assertThat(entry.getTitle()).isEqualTo(proposalTitle + ": rough consensus");
            assertThat(entry.getLink()).isEqualTo("http://localhost:8082/proposals/" + proposal);
            assertThat(entry.getDescription().getValue())
                    .isEqualTo("rough consensus, version 2, 1 dissent. Every objection addressed");
        });
        assertThat(everyDecision.getEntries()).anySatisfy(
                entry -> assertThat(entry.getLink()).endsWith("/proposals/" + proposal));
        assertThat(get("/").body()).contains("<link rel=\"alternate\" type=\"application/atom+xml\" "
                                                     + "href=\"/feeds/decisions.atom\"");
        assertThat(get("/feeds/bodies/no-such-body/decisions.atom").statusCode()).isEqualTo(404);
    }

    @Test
    void theSearchPageFindsProposalsByTextStatusAndOutcome() {
        awaitPage("/proposals/" + proposal, found -> found.contains("Dissent recorded (1)"));
        String words = proposalTitle.substring(proposalTitle.lastIndexOf(' ') + 1);

        String byText = get("/proposals?q=" + words).body();
        String decided = get("/proposals?q=" + words + "&status=DECIDED&outcome=ROUGH_CONSENSUS").body();
        String open = get("/proposals?q=" + words + "&status=OPEN").body();
        String ofBody = get("/proposals?body=" + body).body();

        assertThat(byText).contains("1 proposal found")
                          .contains("<a href=\"/proposals/" + proposal + "\">" + proposalTitle + "</a>")
                          .contains("decided", "rough consensus")
                          .containsPattern("<label for=\"q\">[^<]+</label>\\s*<input id=\"q\" name=\"q\" "
                                                   + "type=\"search\" value=\"" + words + "\">");
        assertThat(decided).contains("1 proposal found").contains("<option value=\"DECIDED\" selected=\"selected\">");
        assertThat(open).contains("No proposal found").doesNotContain(proposalTitle);
        assertThat(ofBody).contains("1 proposal found", proposalTitle);
        assertAccessibleStandalonePage(byText);
        HttpResponse<String> badStatus = get("/proposals?status=LOST", "Accept", "text/html");
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(badStatus.body()).contains("The status asked for is not one the site knows.");
        assertThat(get("/proposals?page=-1", "Accept", "text/html").statusCode()).isEqualTo(400);
    }

    @Test
    void anUnknownBodyIsNotFoundAndABadInstantIsRefused() {
        awaitPage("/bodies/" + body, found -> found.contains(proposalTitle));

        HttpResponse<String> unknown = get("/bodies/no-such-body", "Accept", "text/html");
        HttpResponse<String> badInstant = get("/bodies/" + body + "?asOf=yesterday", "Accept", "text/html");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(unknown.body()).contains("<h1>Not found</h1>", "There is no body at this address");
        assertAccessibleStandalonePage(unknown.body());
        assertThat(badInstant.statusCode()).isEqualTo(400);
        assertThat(badInstant.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(badInstant.body()).contains("<h1>This request cannot be answered</h1>",
                                               "“yesterday” cannot be read as a date (2026-12-04)");
        assertThat(get("/proposals/no-such-proposal", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("/proposals/no-such-proposal/timeline", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("/meetings/no-such-meeting", "Accept", "text/html").statusCode()).isEqualTo(404);
        assertThat(get("/bodies/no-such-body/engagement", "Accept", "text/html").statusCode()).isEqualTo(404);
    }

    /** As every site test waits for a page, and only an HTML page will do. */
    @Override
    protected String awaitPage(String path, java.util.function.Predicate<String> ready) {
        List<String> last = new ArrayList<>(List.of(""));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = get(path, "Accept", "text/html");
            last.set(0, response.body());
            return response.statusCode() == 200
                    && response.headers().firstValue("Content-Type").orElse("").startsWith("text/html")
                    && ready.test(response.body());
        });
        return last.get(0);
    }

    private static long coChairsShown(String page) {
        return Pattern.compile("<strong> — co-chair</strong>").matcher(page).results().count();
    }

    /** A language, a skip link to the main content, one level-one heading, and nothing loaded from elsewhere. */
    private static void assertAccessibleStandalonePage(String page) {
        assertThat(page).startsWith("<!DOCTYPE html>")
                        .contains("<html lang=\"en\" dir=\"ltr\">")
                        .contains("<meta name=\"viewport\"")
                        .containsPattern("<a class=\"skip\" href=\"#main\">[^<]+</a>")
                        .contains("<main id=\"main\">");
        assertThat(Pattern.compile("<h1[ >]").matcher(page).results().count()).isEqualTo(1);
        Matcher links = LINKED.matcher(page);
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            targets.add(links.group(1));
        }
        assertThat(targets).isNotEmpty().allSatisfy(target -> assertThat(target).doesNotContain("//"));
        assertThat(page).doesNotContain("<script");
    }
}
