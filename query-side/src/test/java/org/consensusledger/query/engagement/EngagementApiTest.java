package org.consensusledger.query.engagement;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.events.StakeholderGroup.ACADEMIA;
import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

/** Engagement figures of a body, with the exact values its events imply. */
class EngagementApiTest extends QueryApiTest {

    private static final Instant RAISED = Instant.parse("2026-03-04T09:00:00Z");

    @Test
    void sharesOfMembershipAndContributionsObjectionHandlingAndShortReasons() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = "wg-" + run;
        String p = "p-" + run;
        String gov = "gov-" + run;
        String cso = "cso-" + run;
        String biz = "biz-" + run;
        String uni = "uni-" + run;
        append("Body", body, new BodyEstablished(body, "Data", BodyKind.PLENARY, null, "Decide"));
        for (Map.Entry<String, StakeholderGroup> member : Map.of(gov, GOVERNMENT, cso, CIVIL_SOCIETY,
                                                                 biz, PRIVATE_SECTOR, uni, ACADEMIA).entrySet()) {
            append("Body", body, new MemberAdmitted(body, member.getKey(), member.getValue(),
                                                    AdmissionPath.BY_SECRETARIAT, null, null));
        }
        append("Proposal", p, new ProposalSubmitted(p, body, cso, "Principle", "Be fair.", "sha", null, RAISED));
        append("Proposal", p, new SupportExpressed(p, body, biz, PRIVATE_SECTOR, 1, null, null, RAISED));
        append("Proposal", p, new SupportExpressed(p, body, uni, ACADEMIA, 1, null, null, RAISED));
        append("Proposal", p, new ConcernRaised(p, body, "c1", uni, ACADEMIA, 1, "Define fair", null, RAISED));
        append("Proposal", p, new ObjectionRaised(p, body, "o-gov", gov, GOVERNMENT, 1, "Law", null, RAISED));
        append("Proposal", p, new ObjectionRaised(p, body, "o-biz", biz, PRIVATE_SECTOR, 1, "Cost", null, RAISED));
        append("Proposal", p, new ObjectionRaised(p, body, "o-cso", cso, CIVIL_SOCIETY, 1, "Weak", null, RAISED));
        append("Proposal", p, new ObjectionAddressed(p, body, "o-gov", Disposition.ACCOMMODATED, 1, null, gov, null,
                                                     RAISED.plus(Duration.ofMinutes(60))));
        append("Proposal", p, new ObjectionAddressed(p, body, "o-biz", Disposition.NOT_ACCOMMODATED, null, "No.",
                                                     gov, null, RAISED.plus(Duration.ofMinutes(120))));
        append("Proposal", p, new ObjectionAddressed(p, body, "o-cso", Disposition.NOT_ACCOMMODATED, null,
                                                     "Transparency is covered by principle 4 of the draft.", gov,
                                                     null, RAISED.plus(Duration.ofMinutes(180))));

        JsonNode engagement = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(
                () -> {
                    HttpResponse<String> response = get("/api/public/engagement?body=" + body);
                    return response.statusCode() == 200 ? json(response) : null;
                }, found -> found != null && found.path("medianTimeToDisposition").asText().equals("PT2H")
                        && found.path("groups").findValuesAsText("members").equals(List.of("1", "1", "1", "1")));

        Map<String, JsonNode> groups = new HashMap<>();
        engagement.path("groups").forEach(group -> groups.put(group.path("stakeholderGroup").asText(), group));
        assertThat(groups.get("GOVERNMENT").path("membershipShare").asDouble()).isEqualTo(0.25);
        assertThat(groups.get("CIVIL_SOCIETY").path("contributions").asInt()).isEqualTo(2);
        assertThat(groups.get("CIVIL_SOCIETY").path("contributionShare").asDouble()).isEqualTo(0.286);
        assertThat(groups.get("GOVERNMENT").path("contributionShare").asDouble()).isEqualTo(0.143);
        assertThat(groups.get("ACADEMIA").path("concerns").asInt()).isEqualTo(1);
        assertThat(groups.get("GOVERNMENT").path("objectionsAccommodated").asInt()).isEqualTo(1);
        assertThat(groups.get("PRIVATE_SECTOR").path("objectionsNotAccommodated").asInt()).isEqualTo(1);
        assertThat(groups.get("PRIVATE_SECTOR").path("medianTimeToDisposition").asText()).isEqualTo("PT2H");
        assertThat(engagement.path("shortReasonsThreshold").asInt()).isEqualTo(40);
        assertThat(engagement.path("shortReasons").findValuesAsText("objectionId")).containsExactly("o-biz");
        assertThat(get("/api/public/engagement?body=" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(get("/api/public/engagement").statusCode()).isEqualTo(400);
    }
}
