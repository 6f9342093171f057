package org.consensusledger.query.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.consensusledger.query.meeting.MeetingViews.Minutes;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.query.projection.Rebuilds;
import org.consensusledger.query.web.PublicResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** Meetings for the public: their minutes, in log order. No account needed. */
@RestController
@RequestMapping("/api/public/meetings")
@Tag(name = "Meetings", description = "Minutes: attendance and everything done in the meeting, in order")
class MeetingController {

    private final MeetingViews views;

    private final Rebuilds rebuilds;

    MeetingController(MeetingViews views, Rebuilds rebuilds) {
        this.views = views;
        this.rebuilds = rebuilds;
    }

    @GetMapping("/{id}")
    @Operation(summary = "A meeting's minutes: attendance, and everything submitted, raised, addressed and decided "
            + "in it, in order")
    ResponseEntity<Minutes> minutes(@PathVariable @Size(max = 100) String id, WebRequest request) {
        String tag = rebuilds.tag(); // read before the meeting: a rebuild after it gives another ETag
        MeetingDocument meeting = views.find(id).orElseThrow(() -> new ProblemHandler.NotFound("meeting", id));
        return PublicResponses.cached(request, Rebuilds.version(views.positionOf(meeting), tag),
                                      () -> views.minutes(meeting));
    }
}
