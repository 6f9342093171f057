package org.consensusledger.command.meeting;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.meeting.MeetingCommands.CancelMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CloseMeeting;
import org.consensusledger.command.meeting.MeetingCommands.CorrectAttendance;
import org.consensusledger.command.meeting.MeetingCommands.OpenMeeting;
import org.consensusledger.command.meeting.MeetingCommands.RecordAttendance;
import org.consensusledger.command.meeting.MeetingCommands.ScheduleMeeting;
import org.consensusledger.command.meeting.MeetingCommands.SetAgenda;
import org.axonframework.modelling.command.Repository;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.AggregateViews;
import org.consensusledger.command.web.CommandSender;
import org.consensusledger.command.web.Ids;
import org.consensusledger.command.web.Recorded;
import org.consensusledger.command.web.Versions;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.MeetingFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/meetings")
@Tag(name = "Meetings", description = "Scheduled, opened and closed by a co-chair (or recorded after the fact by "
        + "the secretariat); attendance per organisation; the agenda")
class MeetingController {

    private final CommandSender commands;
    private final Repository<Meeting> meetings;

    MeetingController(CommandSender commands, Repository<Meeting> meetings) {
        this.commands = commands;
        this.meetings = meetings;
    }

    record ScheduleMeetingRequest(@NotBlank @Size(max = 100) String bodyId, @NotBlank @Size(max = 300) String title,
                                  @NotNull Instant startsAt, @NotNull MeetingFormat format,
                                  @Size(max = 20_000) String location) {
    }

    /** When it happened, for minutes entered after the fact; now if left out. */
    record MomentRequest(Instant occurredAt) {
    }

    record AttendanceRequest(@NotBlank @Size(max = 100) String organisationId, @NotNull AttendanceMode mode,
                             Instant occurredAt) {
    }

    record CancellationRequest(@NotBlank @Size(max = 20_000) String reason) {
    }

    /** The corrected attendance: another mode, or none (the member was not present after all). */
    record AttendanceCorrectionRequest(AttendanceMode mode, @NotBlank @Size(max = 20_000) String reason,
                                       Instant occurredAt) {
    }

    record AgendaRequest(@NotNull @Size(max = 200) List<@NotBlank @Size(max = 100) String> proposalIds) {
    }

    @GetMapping("/{id}")
    @Operation(summary = "The meeting as it stands now: status, attendance, agenda, the checkpoint its closing "
            + "recorded and whether its minutes are sealed; its version as ETag")
    ResponseEntity<MeetingState> state(@PathVariable String id) {
        return Versions.ok(AggregateViews.require(meetings, "meeting", id, Meeting::state));
    }

    @PostMapping
    @Operation(summary = "Schedule a meeting of a body (a co-chair of it, or the secretariat)")
    ResponseEntity<Recorded> schedule(@Valid @RequestBody ScheduleMeetingRequest request, Actor actor) {
        String id = Ids.next();
        commands.send(new ScheduleMeeting(id, request.bodyId(), request.title(), request.startsAt(), request.format(),
                                          request.location(), actor));
        return Versions.created(URI.create("/api/meetings/" + id), 0, Recorded.of(id, 0));
    }

    @PostMapping("/{id}/opening")
    @Operation(summary = "Open the meeting (a co-chair, or the secretariat, e.g. after the fact); from then on things "
            + "may be recorded in it")
    ResponseEntity<Recorded> open(@PathVariable String id, @RequestBody(required = false) MomentRequest request,
                                  @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                  Actor actor) {
        long version = commands.send(new OpenMeeting(id, occurredAt(request), Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/attendance")
    @Operation(summary = "Record that a member organisation attended, in person or remotely (a co-chair, or the "
            + "secretariat); once recorded it is corrected, not recorded again")
    ResponseEntity<Recorded> attendance(@PathVariable String id, @Valid @RequestBody AttendanceRequest request,
                                        @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                        String ifMatch, Actor actor) {
        long version = commands.send(new RecordAttendance(id, request.organisationId(), request.mode(),
                                                          request.occurredAt(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(request.organisationId(), id, version));
    }

    @PostMapping("/{id}/attendance/{orgId}/correction")
    @Operation(summary = "Correct a member's recorded attendance: another mode, or (mode left out) not present after "
            + "all, with the reason (a co-chair, or the secretariat); the record before stays")
    ResponseEntity<Recorded> correctAttendance(@PathVariable String id, @PathVariable String orgId,
                                               @Valid @RequestBody AttendanceCorrectionRequest request,
                                               @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                               String ifMatch, Actor actor) {
        long version = commands.send(new CorrectAttendance(id, orgId, request.mode(), request.reason(),
                                                           request.occurredAt(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(orgId, id, version));
    }

    @PostMapping("/{id}/agenda")
    @Operation(summary = "Set or reorder the meeting's agenda: the body's proposals to take up, in order (a co-chair, "
            + "or the secretariat); the minutes follow it")
    ResponseEntity<Recorded> agenda(@PathVariable String id, @Valid @RequestBody AgendaRequest request,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    Actor actor) {
        long version = commands.send(new SetAgenda(id, request.proposalIds(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/closing")
    @Operation(summary = "Close the meeting (a co-chair, or the secretariat); its minutes are complete",
               description = "Moments later the ledger itself seals the minutes (MinutesSealed) with the first signed "
                       + "checkpoint of the log that holds the closing; until then GET /api/meetings/{id} says "
                       + "sealed: false.")
    ResponseEntity<Recorded> close(@PathVariable String id, @RequestBody(required = false) MomentRequest request,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   Actor actor) {
        long version = commands.send(new CloseMeeting(id, occurredAt(request), Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/cancellation")
    @Operation(summary = "Cancel a meeting that has not been opened (a co-chair, or the secretariat)")
    ResponseEntity<Recorded> cancel(@PathVariable String id, @Valid @RequestBody CancellationRequest request,
                                    @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                    Actor actor) {
        long version = commands.send(new CancelMeeting(id, request.reason(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    private static Instant occurredAt(MomentRequest request) {
        return request == null ? null : request.occurredAt();
    }
}
