package org.consensusledger.query.meeting;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A meeting's minutes: attendance and what was done in it, and nothing done outside it. */
class MeetingApiTest extends QueryApiTest {

    private static final Instant OPENED = Instant.parse("2026-03-04T09:00:00Z");
    private static final Instant CLOSED = Instant.parse("2026-03-04T12:00:00Z");

    @Test
    void theMinutesListAttendanceAndEverythingDoneInTheMeetingInOrder() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String m = "m-" + run;
        String body = "wg-" + run;
        String gov = "gov-" + run;
        String cso = "cso-" + run;
        String p = "p-" + run;
        append("Organisation", gov, new OrganisationRegistered(gov, "Ministry", StakeholderGroup.GOVERNMENT, null));
        append("Organisation", cso, new OrganisationRegistered(cso, "Open Rights", StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Meeting", m, new MeetingScheduled(m, body, "Session 3", OPENED, MeetingFormat.HYBRID, "Geneva"));
        append("Meeting", m, new MeetingOpened(m, body, gov, OPENED));
        append("Meeting", m, new AttendanceRecorded(m, body, gov, AttendanceMode.IN_PERSON, OPENED));
        append("Meeting", m, new AttendanceRecorded(m, body, cso, AttendanceMode.REMOTE, OPENED));
        append("Proposal", p, new ProposalSubmitted(p, body, cso, "Principle 1", "Be fair.", "sha", m, OPENED));
        append("Proposal", p, new ObjectionRaised(p, body, "o1", gov, StakeholderGroup.GOVERNMENT, 1, "Vague", m,
                                                  OPENED));
        append("Proposal", p, new ProposalRevised(p, body, 2, "Be fair to all.", "sha2", "Outside the meeting",
                                                  cso, null, OPENED));
        append("Proposal", p, new RoughConsensusDeclared(p, body, 2, "sha2", "Agreed", List.of(), List.of(), gov, m,
                                                         CLOSED));
        append("Meeting", m, new MeetingClosed(m, body, gov, CLOSED, "origin\n9\nroot\n"));

        JsonNode minutes = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = get("/api/public/meetings/" + m);
            return response.statusCode() == 200 ? json(response) : null;
        }, found -> found != null && found.path("meeting").path("status").asText().equals("CLOSED")
                && found.path("organisationNames").size() == 2);

        JsonNode meeting = minutes.path("meeting");
        assertThat(meeting.path("openedAt").asText()).isEqualTo("2026-03-04T09:00:00Z");
        assertThat(meeting.path("closingCheckpoint").asText()).isEqualTo("origin\n9\nroot\n");
        assertThat(meeting.path("attendance").findValuesAsText("mode")).containsExactly("IN_PERSON", "REMOTE");
        assertThat(meeting.path("items").findValuesAsText("type"))
                .containsExactly("ProposalSubmitted", "ObjectionRaised", "RoughConsensusDeclared");
        assertThat(meeting.path("items").get(1).path("detail").asText()).isEqualTo("Vague");
        assertThat(meeting.path("items").get(1).path("organisationId").asText()).isEqualTo(gov);
        assertThat(minutes.path("organisationNames").path(cso).asText()).isEqualTo("Open Rights");
        assertThat(get("/api/public/meetings/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }
}
