package org.consensusledger.command.body;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.body.BodyCommands.Admission;
import org.consensusledger.command.body.BodyCommands.AdmitMember;
import org.consensusledger.command.body.BodyCommands.AmendMandate;
import org.consensusledger.command.body.BodyCommands.AppointCoChair;
import org.consensusledger.command.body.BodyCommands.EstablishBody;
import org.consensusledger.command.body.BodyCommands.RelieveCoChair;
import org.consensusledger.command.body.BodyCommands.SetConsensusCallLimit;
import org.consensusledger.command.body.BodyCommands.WithdrawMember;
import org.axonframework.modelling.command.Repository;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.AggregateViews;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.web.CommandSender;
import org.consensusledger.command.web.Ids;
import org.consensusledger.command.web.Recorded;
import org.consensusledger.command.web.Versions;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.Comparator;
import java.util.List;

@RestController
@RequestMapping("/api/bodies")
@Tag(name = "Bodies", description = "Plenaries and working groups: mandate, members, co-chairs, terms for "
        + "consensus calls")
class BodyController {

    private final CommandSender commands;
    private final Repository<Body> bodies;
    private final Directory directory;

    BodyController(CommandSender commands, Repository<Body> bodies, Directory directory) {
        this.commands = commands;
        this.bodies = bodies;
        this.directory = directory;
    }

    /** A member as a co-chair's screen lists it: its name and stakeholder group, and whether it co-chairs. */
    record Member(String organisationId, String name, StakeholderGroup stakeholderGroup, boolean coChair) {
    }

    /** A body as the console needs it: its members, and the longest consensus call its terms allow (days). */
    record BodyState(String bodyId, String name, BodyKind kind, String parentBodyId, List<Member> members,
                     int maxCallDays) {
    }

    record EstablishBodyRequest(@NotBlank @Size(max = 300) String name, @NotNull BodyKind kind,
                                @Size(max = 100) String parentBodyId,
                                @NotBlank @Size(max = 20_000) String mandate,
                                @Schema(description = "The IANA time zone id its meetings are held in (e.g. "
                                        + "Europe/Zurich); left out or empty: UTC", example = "Europe/Zurich")
                                @Size(max = 100) @TimeZones.Known String timeZone) {
    }

    record OrganisationRequest(@NotBlank @Size(max = 100) String organisationId) {
    }

    record WithdrawalRequest(@Size(max = 20_000) String reason) {
    }

    record MandateRequest(@NotBlank @Size(max = 20_000) String mandate, @Size(max = 20_000) String rationale) {
    }

    record CallLimitRequest(@NotNull @Min(1) @Max(365) Integer maxCallDays) {
    }

    @GetMapping("/{id}")
    @Operation(summary = "The body as it stands now: its members by stakeholder group and name, and its co-chairs; "
            + "its version as ETag")
    ResponseEntity<BodyState> state(@PathVariable String id) {
        AggregateViews.Versioned<BodyView> body = AggregateViews.require(bodies, "body", id, Body::view);
        BodyView view = body.view();
        List<Member> members = view.members().entrySet().stream()
                .map(member -> new Member(member.getKey(), directory.organisation(member.getKey())
                                                                    .map(OrganisationView::name)
                                                                    .orElse(member.getKey()),
                                          member.getValue(), view.isCoChair(member.getKey())))
                .sorted(Comparator.comparing(Member::stakeholderGroup).thenComparing(Member::name))
                .toList();
        return Versions.ok(body.version(), new BodyState(view.bodyId(), view.name(), view.kind(),
                                                         view.parentBodyId(), members, view.maxCallDays()));
    }

    @PostMapping
    @Operation(summary = "Establish a plenary, or a working group under a plenary (secretariat)")
    ResponseEntity<Recorded> establish(@Valid @RequestBody EstablishBodyRequest request, Actor actor) {
        String id = Ids.next();
        commands.send(new EstablishBody(id, request.name(), request.kind(), request.parentBodyId(), request.mandate(),
                                        request.timeZone(), actor));
        return Versions.created(URI.create("/api/bodies/" + id), 0, Recorded.of(id, 0));
    }

    @PostMapping("/{id}/co-chairs")
    @Operation(summary = "Appoint a member organisation co-chair (secretariat)")
    ResponseEntity<Recorded> appointCoChair(@PathVariable String id, @Valid @RequestBody OrganisationRequest request,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch, Actor actor) {
        long version = commands.send(new AppointCoChair(id, request.organisationId(), Versions.expected(ifMatch),
                                                        actor));
        return Versions.ok(version, new Recorded(request.organisationId(), id, version));
    }

    @DeleteMapping("/{id}/co-chairs/{orgId}")
    @Operation(summary = "Relieve a co-chair; it stays a member (secretariat)")
    ResponseEntity<Recorded> relieveCoChair(@PathVariable String id, @PathVariable String orgId,
                                            @RequestParam(required = false) @Size(max = 20_000) String reason,
                                            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                            String ifMatch, Actor actor) {
        long version = commands.send(new RelieveCoChair(id, orgId, reason, Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(orgId, id, version));
    }

    @PostMapping("/{id}/members")
    @Operation(summary = "Ask to join, propose a member, or admit one",
               description = "Civil-society and private-sector organisations are admitted at once when they or any "
                       + "member ask (201). Other organisations' requests are recorded (202) until a co-chair "
                       + "admits them (201). The secretariat admits directly.")
    @ApiResponse(responseCode = "201", description = "admitted")
    @ApiResponse(responseCode = "202", description = "requested: a co-chair admits it")
    ResponseEntity<Recorded> admit(@PathVariable String id, @Valid @RequestBody OrganisationRequest request,
                                   @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                   Actor actor) {
        Admission admission = commands.send(new AdmitMember(id, request.organisationId(), Versions.expected(ifMatch),
                                                            actor));
        Recorded recorded = new Recorded(request.organisationId(), id, admission.version());
        if (admission.admitted()) {
            return Versions.created(URI.create("/api/bodies/" + id + "/members/" + request.organisationId()),
                                    admission.version(), recorded);
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).header(HttpHeaders.ETAG, Versions.etag(admission.version()))
                             .body(recorded);
    }

    @PostMapping("/{id}/members/{orgId}/withdrawal")
    @Operation(summary = "A member leaves the body (its own delegate, or the secretariat)")
    ResponseEntity<Recorded> withdraw(@PathVariable String id, @PathVariable String orgId,
                                      @Valid @RequestBody(required = false) WithdrawalRequest request,
                                      @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                      Actor actor) {
        String reason = request == null ? null : request.reason();
        long version = commands.send(new WithdrawMember(id, orgId, reason, Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(orgId, id, version));
    }

    @PostMapping("/{id}/mandate")
    @Operation(summary = "Replace the body's mandate (secretariat)")
    ResponseEntity<Recorded> amendMandate(@PathVariable String id, @Valid @RequestBody MandateRequest request,
                                          @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                          String ifMatch, Actor actor) {
        long version = commands.send(new AmendMandate(id, request.mandate(), request.rationale(),
                                                      Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/consensus-call-limit")
    @Operation(summary = "Set the body's terms for consensus calls: the most days a call may run (secretariat; "
            + "14 days where none is set)",
               description = "maxCallDays from 1 to 365. It bounds the deadlines of calls opened from then on, counted "
                       + "from the moment each is opened; a call already open keeps its deadline.")
    ResponseEntity<Recorded> callLimit(@PathVariable String id, @Valid @RequestBody CallLimitRequest request,
                                       @RequestHeader(value = HttpHeaders.IF_MATCH, required = false)
                                       String ifMatch, Actor actor) {
        long version = commands.send(new SetConsensusCallLimit(id, request.maxCallDays(), Versions.expected(ifMatch),
                                                               actor));
        return Versions.ok(version, Recorded.of(id, version));
    }
}
