package org.consensusledger.query.site;

import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The decision feeds stay well-formed XML whatever the log holds: a decision whose stored title and rationale hold
 * characters XML 1.0 forbids (stored here straight into the log, as the API now refuses them) is shown with U+FFFD in
 * their place, and a real XML parser reads both feeds.
 */
class FeedsWellFormedTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    @Test
    void aStoredTitleWithAControlCharacterDoesNotBreakTheFeeds() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "feed-wg-" + run;
        String proposal = "feed-p-" + run;
        String member = "feed-org-" + run;
        append("Organisation", member, new OrganisationRegistered(member, "Member", StakeholderGroup.ACADEMIA, null));
        append("Body", body, new BodyEstablished(body, "Bodies\u0007 " + run, BodyKind.PLENARY, null, "Decide"));
        append("Body", body, new MemberAdmitted(body, member, StakeholderGroup.ACADEMIA, AdmissionPath.BY_SECRETARIAT,
                                                null, null));
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, member, "Bell\u0007 " + run, "Text",
                                                           "sha", null, AT));
        append("Proposal", proposal, new RoughConsensusDeclared(
                proposal, body, 1, "sha", "Agreed\u001b[31m \uFFFF", List.of(),
                List.of(new GroupTally(StakeholderGroup.ACADEMIA, 1, 0, 0, 1)), member, null, AT));

        for (String feed : List.of("/feeds/decisions.atom", "/feeds/bodies/" + body + "/decisions.atom")) {
            await().atMost(Duration.ofSeconds(30)).until(() -> get(feed).body().contains(proposal));
            HttpResponse<String> response = get(feed);

            assertThat(response.statusCode()).isEqualTo(200);
            Document parsed = parse(response.body());
            NodeList titles = parsed.getElementsByTagNameNS("http://www.w3.org/2005/Atom", "title");
            assertThat(titles.getLength()).isGreaterThan(1);
            boolean shown = false;
            for (int i = 0; i < titles.getLength(); i++) {
                String title = ((Element) titles.item(i)).getTextContent();
                shown |= title.startsWith("Bell\uFFFD " + run);
            }
            assertThat(shown).as(response.body()).isTrue();
            assertThat(response.body()).doesNotContain("\u0007", "\u001b", "\uFFFF")
                                       .contains("Agreed\uFFFD[31m \uFFFD");
        }
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }
}
