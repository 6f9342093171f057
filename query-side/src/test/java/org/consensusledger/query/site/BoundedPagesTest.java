package org.consensusledger.query.site;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.query.dossier.DossierViews;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages that grow with the record stay bounded: an organisation's page shows 20 of the proposals it took part in a
 * page, with links to the next and previous pages; a search by words that are in very many organisations' names
 * searches only the first {@link DossierViews#ORGANISATIONS_SEARCHED} of them, and says so.
 */
class BoundedPagesTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-05-12T09:00:00Z");

    @Test
    void anOrganisationsPageShowsTwentyOfItsProposalsAPageWithLinksBetweenPages() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        String prolific = "prolific-" + run;
        append("Organisation", prolific, new OrganisationRegistered(prolific, "Prolific " + run,
                                                                    StakeholderGroup.CIVIL_SOCIETY, null));
        append("Body", body, new BodyEstablished(body, "Group " + run, BodyKind.WORKING_GROUP, null, "Draft"));
        for (int i = 0; i < 25; i++) {
            String proposal = String.format("p%02d-%s", i, run);
            append("Proposal", proposal, new ProposalSubmitted(proposal, body, prolific, "Principle " + i + " " + run,
                                                               "Text", "sha", null, AT.plusSeconds(i)));
        }

        String first = awaitPage("/organisations/" + prolific, found -> found.contains("of the 25 it took part in"));
        assertThat(flat(first)).contains("Proposals 1–20 of the 25 it took part in")
                               .contains("Its proposals (20)")
                               .contains("<a rel=\"next\" href=\"/organisations/" + prolific + "?page=1\">Next page</a>")
                               .doesNotContain("rel=\"prev\"")
                               .contains("Principle 24 " + run) // the most recently changed first
                               .doesNotContain("Principle 4 " + run + "<");
        String second = get("/organisations/" + prolific + "?page=1").body();
        assertThat(flat(second)).contains("Proposals 21–25 of the 25 it took part in")
                                .contains("<a rel=\"prev\" href=\"/organisations/" + prolific + "?page=0\">Previous "
                                                  + "page</a>")
                                .doesNotContain("rel=\"next\"")
                                .contains("Principle 0 " + run + "<", "Principle 4 " + run + "<")
                                .doesNotContain("Principle 5 " + run + "<");

        HttpResponse<String> beyond = get("/organisations/" + prolific + "?page=7", "Accept", "text/html");
        assertThat(beyond.statusCode()).isEqualTo(200);
        assertThat(flat(beyond.body())).contains("There is no page 8: it took part in 25 proposals, 20 a page.")
                                       .contains("<a href=\"/organisations/" + prolific + "\">First page</a>")
                                       .doesNotContain("rel=\"next\"", "rel=\"prev\"");

        HttpResponse<String> negative = get("/organisations/" + prolific + "?page=-1", "Accept", "text/html");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(negative.body()).contains("<h1>This request cannot be answered</h1>").contains("page");
        HttpResponse<String> huge = get("/organisations/" + prolific + "?page=100001", "Accept", "text/html");
        assertThat(huge.statusCode()).isEqualTo(400);
        assertThat(huge.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");

        String french = get("/organisations/" + prolific + "?lang=fr").body();
        assertThat(flat(french)).contains("Propositions 1 à 20 sur les 25 auxquelles elle a pris part")
                                .contains("Page suivante");
    }

    @Test
    void aSearchByWordsInVeryManyOrganisationsNamesSearchesTheFirstOnlyAndSaysSo() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        append("Body", body, new BodyEstablished(body, "Group " + run, BodyKind.WORKING_GROUP, null, "Draft"));
        int many = DossierViews.ORGANISATIONS_SEARCHED + 1;
        for (int i = 0; i < many; i++) {
            String id = String.format("bulk%03d-%s", i, run);
            append("Organisation", id, new OrganisationRegistered(id, String.format("Bulk%s %03d", run, i),
                                                                  StakeholderGroup.PRIVATE_SECTOR, null));
        }
        String firstByName = "bulk000-" + run;
        String lastByName = String.format("bulk%03d-%s", many - 1, run);
        append("Proposal", "by-first-" + run, new ProposalSubmitted("by-first-" + run, body, firstByName,
                                                                    "Found " + run, "Text", "sha", null, AT));
        append("Proposal", "by-last-" + run, new ProposalSubmitted("by-last-" + run, body, lastByName,
                                                                   "Beyond " + run, "Text", "sha", null, AT));
        String narrowed = String.format("Bulk%s %03d", run, many - 1);
        // Narrowed to one name, the last one's proposal is found (so every organisation is read by then).
        awaitPage("/proposals?q=" + encoded(narrowed), found -> found.contains("Beyond " + run));

        String page = get("/proposals?q=" + encoded("Bulk" + run)).body();
        assertThat(flat(page)).contains("The words match more than 200 organisations’ names: only the first 200 "
                                                + "(by name) are searched; add words to narrow it.")
                              .contains("Found " + run)
                              .doesNotContain("Beyond " + run);
        assertThat(get("/proposals?q=" + encoded(narrowed)).body()).doesNotContain("The words match more than");
        assertThat(get("/proposals?q=" + encoded("Bulk" + run) + "&lang=es").body())
                .contains("solo se buscan las 200 primeras");

        JsonNode api = json(get("/api/public/proposals?q=" + encoded("Bulk" + run)));
        assertThat(api.path("organisationNamesCapped").asBoolean()).isTrue();
        assertThat(api.path("items").findValuesAsText("proposalId")).containsExactly("by-first-" + run);
        JsonNode then = json(get("/api/public/proposals?q=" + encoded("Bulk" + run) + "&asOf="
                                         + encoded(Instant.now().toString())));
        assertThat(then.path("organisationNamesCapped").asBoolean()).isTrue();
        assertThat(then.path("items").findValuesAsText("proposalId")).containsExactly("by-first-" + run);
        JsonNode one = json(get("/api/public/proposals?q=" + encoded(narrowed)));
        assertThat(one.path("organisationNamesCapped").asBoolean()).isFalse();
        assertThat(one.path("items").findValuesAsText("proposalId")).containsExactly("by-last-" + run);
    }

    private static String flat(String html) {
        return html.replaceAll("\\s+", " ");
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
