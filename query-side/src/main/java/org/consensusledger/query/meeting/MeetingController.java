package org.consensusledger.query.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consensusledger.query.organisation.OrganisationDocument;
import org.consensusledger.query.organisation.Organisations;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.query.web.PublicResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

@RestController
@RequestMapping("/api/public/meetings")
@Tag(name = "Meetings", description = "Minutes: attendance and everything done in the meeting, in order")
class MeetingController {

    private final MeetingProjection projection;
    private final Organisations organisations;

    MeetingController(MeetingProjection projection, Organisations organisations) {
        this.projection = projection;
        this.organisations = organisations;
    }

    record Minutes(MeetingDocument meeting, Map<String, String> organisationNames) {
    }

    @GetMapping("/{id}")
    @Operation(summary = "A meeting's minutes: attendance, and everything submitted, raised, addressed and decided "
            + "in it, in order")
    ResponseEntity<Minutes> minutes(@PathVariable String id, WebRequest request) {
        MeetingDocument meeting = projection.meetings().find(id)
                                            .orElseThrow(() -> new ProblemHandler.NotFound("meeting", id));
        return PublicResponses.cached(request, meeting.position(), () -> minutes(meeting));
    }

    private Minutes minutes(MeetingDocument meeting) {
        Set<String> named = new HashSet<>();
        meeting.attendance().forEach(attendance -> named.add(attendance.organisationId()));
        meeting.items().forEach(item -> named.add(item.organisationId()));
        named.add(meeting.openedBy());
        named.add(meeting.closedBy());
        named.remove(null);
        Map<String, String> names = new TreeMap<>();
        for (Map.Entry<String, OrganisationDocument> found : organisations.byId(named).entrySet()) {
            names.put(found.getKey(), found.getValue().name());
        }
        return new Minutes(meeting, names);
    }
}
