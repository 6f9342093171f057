package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.account.ConsoleSession;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.Optional;

/**
 * The live room's doors (see {@link LiveRoom}): a meeting screen's stream of changes and presence, the proposal a
 * co-chair puts in hand, and the projector view, read-only in large type for the room's screen.
 */
@Controller
@Hidden
class LiveController {

    private final LiveRoom room;
    private final Directory directory;
    private final MessageSource messages;

    LiveController(LiveRoom room, Directory directory, MessageSource messages) {
        this.room = room;
        this.directory = directory;
        this.messages = messages;
    }

    @GetMapping(path = "/console/meetings/{id}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    ResponseEntity<?> live(@PathVariable String id, Actor actor,
                           @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId) {
        Optional<MeetingView> meeting = directory.meeting(id);
        if (meeting.isEmpty()) {
            return unknownMeeting();
        }
        if (!chairs(actor, meeting.get())) {
            return notChairing();
        }
        return ResponseEntity.ok(room.join(id, meeting.get().bodyId(), who(actor), lastSeen(lastEventId)));
    }

    @PostMapping("/console/meetings/{id}/in-hand")
    @ResponseBody
    ResponseEntity<?> inHand(@PathVariable String id, @RequestParam String proposalId, Actor actor) {
        Optional<MeetingView> meeting = directory.meeting(id);
        if (meeting.isEmpty()) {
            return unknownMeeting();
        }
        if (!chairs(actor, meeting.get())) {
            return notChairing();
        }
        boolean ofTheBody = directory.proposal(proposalId)
                                     .map(proposal -> proposal.bodyId().equals(meeting.get().bodyId()))
                                     .orElse(false);
        if (!ofTheBody) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                                 .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                                 .body(Problems.of(HttpStatus.NOT_FOUND, "unknown-proposal", "Unknown proposal",
                                                   "The meeting's body has no such proposal"));
        }
        room.handle(id, proposalId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/console/meetings/{id}/projector")
    String projector(@PathVariable String id, Actor actor, Model model, HttpServletRequest request,
                     HttpServletResponse response) {
        Optional<MeetingView> meeting = directory.meeting(id);
        if (meeting.isEmpty()) {
            response.setStatus(HttpStatus.NOT_FOUND.value());
            return "console/not-found";
        }
        if (!chairs(actor, meeting.get())) {
            BodyView body = directory.requireBody(meeting.get().bodyId());
            return Screens.forbidden(response, model, "screens.forbidden.chairs", body.name());
        }
        model.addAttribute("meetingId", id);
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        model.addAttribute("body", directory.requireBody(meeting.get().bodyId()));
        model.addAttribute("scriptTexts", ConsoleController.scriptTexts(messages, LocaleContextHolder.getLocale()));
        return "console/projector";
    }

    /**
     * The live room is the co-chairs' and the secretariat's: it tells who has the meeting's console open, which the
     * public record does not.
     */
    private boolean chairs(Actor actor, MeetingView meeting) {
        return Screens.chairs(actor, directory.requireBody(meeting.bodyId()));
    }

    private static ResponseEntity<?> notChairing() {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(Problems.of(HttpStatus.FORBIDDEN, "not-allowed", "Not allowed",
                                               "Only the body's co-chairs and the secretariat follow its meetings "
                                                       + "live"));
    }

    private String who(Actor actor) {
        if (actor.secretariat()) {
            return messages.getMessage("live.secretariat", null, LocaleContextHolder.getLocale());
        }
        return directory.organisation(actor.organisationId()).map(OrganisationView::name)
                        .orElse(actor.organisationId());
    }

    /** The position a reconnecting screen last heard of; anything unreadable counts as nothing heard. */
    private static Long lastSeen(String lastEventId) {
        if (lastEventId == null || !lastEventId.matches("-?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(lastEventId);
    }

    private static ResponseEntity<?> unknownMeeting() {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(Problems.of(HttpStatus.NOT_FOUND, "unknown-meeting", "Unknown meeting",
                                               "There is no such meeting"));
    }
}
