package org.consensusledger.query.site;

import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import com.thaiopensource.util.PropertyMapBuilder;
import com.thaiopensource.validate.ValidateProperty;
import com.thaiopensource.validate.ValidationDriver;
import com.thaiopensource.validate.rng.CompactSchemaReader;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every Atom feed is valid Atom: against RFC 4287's RELAX NG schema (Appendix B, test resource {@code atom/atom.rnc})
 * with Jing, and the two rules that schema states in Schematron (an author and a link for every entry) checked here;
 * the feed's {@code updated} is its newest entry's; the decision feeds hold every outcome (rough consensus, no
 * consensus, a deferral, a withdrawal, an outcome set aside on appeal), the meetings feed every meeting scheduled,
 * opened, closed or cancelled, the steps feed every step of the proposal.
 */
class AtomFeedsValidTest extends QueryApiTest {

    private static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    private String run;
    private String body;
    private String chair;

    @BeforeEach
    void aBodyWithEveryKindOfOutcome() {
        run = UUID.randomUUID().toString().substring(0, 8);
        body = "atom-wg-" + run;
        chair = "atom-gov-" + run;
        append("Organisation", chair, new OrganisationRegistered(chair, "Ministry " + run, StakeholderGroup.GOVERNMENT,
                                                                 null));
        append("Body", body, new BodyEstablished(body, "Feeds " + run, BodyKind.PLENARY, null, "Decide"));
        append("Body", body, new MemberAdmitted(body, chair, StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        String held = "atom-m1-" + run;
        String cancelled = "atom-m2-" + run;
        append("Meeting", held, new MeetingScheduled(held, body, "Session one", AT, MeetingFormat.HYBRID, "Geneva"));
        append("Meeting", held, new MeetingOpened(held, body, chair, AT));
        append("Meeting", cancelled, new MeetingScheduled(cancelled, body, "Session two", AT.plus(Duration.ofDays(7)),
                                                          MeetingFormat.VIRTUAL, null));
        append("Meeting", cancelled, new MeetingCancelled(cancelled, body, chair, "No quorum"));
        List<GroupTally> tally = List.of(new GroupTally(StakeholderGroup.GOVERNMENT, 1, 0, 0, 0));
        append("Proposal", "atom-agreed-" + run, new ProposalSubmitted("atom-agreed-" + run, body, chair, "Agreed",
                                                                       "Text", "sha", held, AT));
        append("Proposal", "atom-agreed-" + run, new RoughConsensusDeclared("atom-agreed-" + run, body, 1, "sha",
                                                                            "Fine", List.of(), tally, chair, held,
                                                                            AT));
        append("Proposal", "atom-agreed-" + run, new AppealLodged("atom-agreed-" + run, body, "ap-" + run, chair,
                                                                  "Rushed", held, AT));
        append("Proposal", "atom-agreed-" + run, new AppealDecided("atom-agreed-" + run, body, "ap-" + run,
                                                                   AppealDecision.UPHELD, "Indeed rushed", chair,
                                                                   held, AT));
        append("Proposal", "atom-none-" + run, new ProposalSubmitted("atom-none-" + run, body, chair, "Refused",
                                                                     "Text", "sha", held, AT));
        append("Proposal", "atom-none-" + run, new ConsensusNotReached("atom-none-" + run, body, 1, "Too many",
                                                                       tally, chair, held, AT));
        append("Proposal", "atom-later-" + run, new ProposalSubmitted("atom-later-" + run, body, chair, "Later",
                                                                      "Text", "sha", held, AT));
        append("Proposal", "atom-later-" + run, new ProposalDeferred("atom-later-" + run, body, 1, "Study", null,
                                                                     held, AT));
        append("Proposal", "atom-gone-" + run, new ProposalSubmitted("atom-gone-" + run, body, chair, "Gone",
                                                                     "Text", "sha", held, AT));
        append("Proposal", "atom-gone-" + run, new ProposalWithdrawn("atom-gone-" + run, body, chair, "Merged", held,
                                                                     AT));
        append("Meeting", held, new MeetingClosed(held, body, chair, AT.plus(Duration.ofHours(2)), null));
    }

    @Test
    void theDecisionFeedsHoldEveryOutcomeWithAuthorsAndTheNewestUpdate() throws Exception {
        String path = "/feeds/bodies/" + body + "/decisions.atom";
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String feed = get(path).body();
            return feed.contains("withdrawal:atom-gone-" + run) && feed.contains("set-aside:atom-agreed-" + run);
        });
        SyndFeed feed = valid(path);
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactlyInAnyOrder(
                "Agreed: rough consensus", "Agreed: outcome set aside on appeal", "Refused: no consensus",
                "Later: deferred", "Gone: withdrawn");
        assertThat(feed.getEntries()).allSatisfy(entry -> assertThat(entry.getAuthors()).singleElement().satisfies(
                author -> assertThat(author.getName()).isIn("Ministry " + run, "Feeds " + run)));
        assertThat(feed.getEntries()).filteredOn(entry -> entry.getTitle().equals("Later: deferred"))
                                     .singleElement()
                                     .satisfies(entry -> assertThat(entry.getAuthors().get(0).getName())
                                             .isEqualTo("Feeds " + run)); // no one named: the body
        valid("/feeds/decisions.atom");
    }

    @Test
    void theMeetingsFeedHoldsEveryMeetingScheduledOpenedClosedOrCancelled() throws Exception {
        String path = "/bodies/" + body + "/meetings.atom";
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).body().contains("Session one: Meeting closed"));
        SyndFeed feed = valid(path);
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactlyInAnyOrder(
                "Session one: Meeting scheduled", "Session one: Meeting opened", "Session one: Meeting closed",
                "Session two: Meeting scheduled", "Session two: Meeting cancelled");
        assertThat(feed.getEntries()).allSatisfy(entry -> assertThat(entry.getLink()).contains("/meetings/atom-m"));
        assertThat(get("/bodies/no-such-body/meetings.atom").statusCode()).isEqualTo(404);

        // A meeting scheduled since shows in the feed served from the page cache.
        String third = "atom-m3-" + run;
        append("Meeting", third, new MeetingScheduled(third, body, "Session three", AT.plus(Duration.ofDays(14)),
                                                      MeetingFormat.VIRTUAL, null));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).body().contains("Session three: Meeting scheduled"));
    }

    @Test
    void theStepsFeedHoldsEveryStepOfOneProposal() throws Exception {
        String path = "/proposals/atom-agreed-" + run + "/steps.atom";
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).body().contains("Appeal decided"));
        SyndFeed feed = valid(path);
        assertThat(feed.getEntries()).extracting(SyndEntry::getTitle).containsExactlyInAnyOrder(
                "Agreed: Proposal submitted", "Agreed: Rough consensus declared", "Agreed: Appeal lodged",
                "Agreed: Appeal decided");
        assertThat(feed.getEntries()).allSatisfy(entry -> assertThat(entry.getLink())
                .contains("/proposals/atom-agreed-" + run + "/timeline#event-"));
        assertThat(get("/proposals/no-such-proposal/steps.atom").statusCode()).isEqualTo(404);

        // The page cache keeps the feed by its dossier's position: a new step shows in it.
        append("Proposal", "atom-agreed-" + run, new ProposalWithdrawn("atom-agreed-" + run, body, chair, "Enough",
                                                                       null, AT));
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).body().contains("Agreed: Proposal withdrawn"));
        assertThat(valid(path).getEntries()).hasSize(5);
    }

    @Test
    void aFeedsRefusalsArePagesInWordsNotAtom() {
        String tooLong = "a".repeat(101);
        for (String feed : List.of("/proposals/%s/steps.atom", "/bodies/%s/meetings.atom",
                                   "/feeds/bodies/%s/decisions.atom")) {
            HttpResponse<String> unknown = get(feed.formatted("nope-" + run));
            assertThat(unknown.statusCode()).as(feed).isEqualTo(404);
            assertThat(unknown.headers().firstValue("Content-Type").orElse("")).as(feed).startsWith("text/html");
            assertThat(unknown.body()).as(feed).contains("<html", "There is no");
            HttpResponse<String> refused = get(feed.formatted(tooLong));
            assertThat(refused.statusCode()).as(feed).isEqualTo(400);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).as(feed).startsWith("text/html");
            assertThat(refused.body()).as(feed).contains("<html");
        }
    }

    /**
     * A feed is served to a feed reader whatever XML it asks for, and refused (406) to a request that accepts none,
     * alike whether the page cache holds the feed or not.
     */
    @Test
    void aFeedAnswersTheSameAcceptWhetherCachedOrNot() {
        String path = "/proposals/atom-agreed-" + run + "/steps.atom";
        String other = "/proposals/atom-none-" + run + "/steps.atom";
        await().atMost(Duration.ofSeconds(30)).until(() -> get(path).body().contains("Appeal decided")
                && get(other, "Accept", "image/png").statusCode() == 406); // path cached, other not yet
        for (String feed : List.of(other, path)) { // not cached first (other), then cached (both)
            for (String accept : List.of("image/png", "text/html", "application/json")) {
                HttpResponse<String> refused = get(feed, "Accept", accept);
                assertThat(refused.statusCode()).as(feed + " " + accept).isEqualTo(406);
                assertThat(refused.body()).as(feed + " " + accept).doesNotContain("<feed");
            }
            for (String accept : List.of("application/xml", "text/xml", "application/atom+xml", "*/*",
                                         "text/html;q=0.9, application/xml;q=0.8")) {
                HttpResponse<String> served = get(feed, "Accept", accept);
                assertThat(served.statusCode()).as(feed + " " + accept).isEqualTo(200);
                assertThat(served.headers().firstValue("Content-Type").orElse("")).as(feed + " " + accept)
                                                                               .startsWith("application/atom+xml");
                assertThat(served.body()).as(feed + " " + accept).contains("<feed");
            }
        }
    }

    /**
     * The feed, checked: RELAX NG valid, every entry with an author and a link, the feed's {@code updated} its newest
     * entry's (none later, one equal), and read by Rome.
     */
    private SyndFeed valid(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/atom+xml");
        String xml = response.body();
        assertThat(relaxNgErrors(xml)).as(xml).isEmpty();

        Document parsed = parse(xml);
        Element feed = parsed.getDocumentElement();
        NodeList entries = parsed.getElementsByTagNameNS(ATOM_NS, "entry");
        List<Instant> updated = new ArrayList<>();
        for (int i = 0; i < entries.getLength(); i++) {
            Element entry = (Element) entries.item(i);
            assertThat(children(entry, "author")).as("author of entry " + i).isNotEmpty();
            assertThat(children(children(entry, "author").get(0), "name").get(0).getTextContent()).isNotBlank();
            assertThat(children(entry, "link")).as("link of entry " + i).isNotEmpty();
            assertThat(children(entry, "id")).hasSize(1);
            updated.add(OffsetDateTime.parse(children(entry, "updated").get(0).getTextContent()).toInstant());
        }
        assertThat(entries.getLength()).isGreaterThan(0);
        Instant feedUpdated = OffsetDateTime.parse(children(feed, "updated").get(0).getTextContent()).toInstant();
        assertThat(feedUpdated).isEqualTo(updated.stream().max(Comparator.naturalOrder()).orElseThrow());
        return new SyndFeedInput().build(new StringReader(xml));
    }

    @Test
    void theSchemaRefusesAFeedWithoutItsId() throws Exception {
        String feed = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
                + "<updated>2026-03-04T09:30:00Z</updated><author><name>a</name></author></feed>";
        assertThat(relaxNgErrors(feed)).isNotEmpty();
        assertThat(relaxNgErrors(feed.replace("<title>", "<id>urn:x</id><title>"))).isEmpty();
    }

    /** What Jing finds wrong with the document against RFC 4287's RELAX NG schema. */
    private static List<String> relaxNgErrors(String xml) throws Exception {
        List<String> errors = new ArrayList<>();
        PropertyMapBuilder properties = new PropertyMapBuilder();
        properties.put(ValidateProperty.ERROR_HANDLER, new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
            }

            @Override
            public void error(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }

            @Override
            public void fatalError(SAXParseException e) {
                errors.add(e.getLineNumber() + ": " + e.getMessage());
            }
        });
        ValidationDriver driver = new ValidationDriver(properties.toPropertyMap(), CompactSchemaReader.getInstance());
        assertThat(driver.loadSchema(new InputSource(AtomFeedsValidTest.class.getResource("/atom/atom.rnc")
                                                                               .toString()))).isTrue();
        if (!driver.validate(new InputSource(new StringReader(xml))) && errors.isEmpty()) {
            errors.add("invalid");
        }
        return errors;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element element && ATOM_NS.equals(element.getNamespaceURI())
                    && name.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
