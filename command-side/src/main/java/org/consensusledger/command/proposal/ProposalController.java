package org.consensusledger.command.proposal;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.axonframework.modelling.command.Repository;
import org.consensusledger.command.proposal.ProposalCommands.AddressObjection;
import org.consensusledger.command.proposal.ProposalCommands.AnswerConcern;
import org.consensusledger.command.proposal.ProposalCommands.DecideAppeal;
import org.consensusledger.command.proposal.ProposalCommands.DeclareOutcome;
import org.consensusledger.command.proposal.ProposalCommands.EndConsensusCall;
import org.consensusledger.command.proposal.ProposalCommands.ExpressSupport;
import org.consensusledger.command.proposal.ProposalCommands.LodgeAppeal;
import org.consensusledger.command.proposal.ProposalCommands.OpenConsensusCall;
import org.consensusledger.command.proposal.ProposalCommands.RaiseConcern;
import org.consensusledger.command.proposal.ProposalCommands.RaiseObjection;
import org.consensusledger.command.proposal.ProposalCommands.ReconsiderDisposition;
import org.consensusledger.command.proposal.ProposalCommands.RecordStandAside;
import org.consensusledger.command.proposal.ProposalCommands.ReopenProposal;
import org.consensusledger.command.proposal.ProposalCommands.ReviseProposal;
import org.consensusledger.command.proposal.ProposalCommands.SubmitProposal;
import org.consensusledger.command.proposal.ProposalCommands.WithdrawObjection;
import org.consensusledger.command.proposal.ProposalCommands.WithdrawProposal;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.AggregateViews;
import org.consensusledger.command.web.CommandSender;
import org.consensusledger.command.web.Ids;
import org.consensusledger.command.web.Recorded;
import org.consensusledger.command.web.Versions;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.proposal.ProposalOutcome;
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

/**
 * Proposals and everything recorded on them. Every request may name the meeting the step happened in
 * ({@code meetingId}) and when it happened ({@code occurredAt}, for minutes entered after the fact), and may carry
 * {@code If-Match} with the proposal's version.
 */
@RestController
@RequestMapping("/api/proposals")
@Tag(name = "Proposals", description = "Texts, contributions, objections and their dispositions, consensus calls, "
        + "answers to concerns, outcomes, appeals")
class ProposalController {

    private static final String IF_MATCH = HttpHeaders.IF_MATCH;
    private static final int ID = 100;
    private static final int LONG_TEXT = 20_000;

    private final CommandSender commands;
    private final Repository<Proposal> proposals;

    ProposalController(CommandSender commands, Repository<Proposal> proposals) {
        this.commands = commands;
        this.proposals = proposals;
    }

    record SubmitRequest(@NotBlank @Size(max = ID) String bodyId, @NotBlank @Size(max = ID) String proposedBy,
                         @NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 100_000) String text,
                         @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record RevisionRequest(@NotBlank @Size(max = 100_000) String text, @Size(max = LONG_TEXT) String summary,
                           @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record ConsensusCallRequest(Instant deadline, @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record SupportRequest(@NotBlank @Size(max = ID) String organisationId, @Size(max = LONG_TEXT) String comment,
                          @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record StandAsideRequest(@NotBlank @Size(max = ID) String organisationId,
                             @NotBlank @Size(max = LONG_TEXT) String reason, @Size(max = ID) String meetingId,
                             Instant occurredAt) {
    }

    record ConcernRequest(@NotBlank @Size(max = ID) String organisationId, @NotBlank @Size(max = LONG_TEXT) String text,
                          @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record ObjectionRequest(@NotBlank @Size(max = ID) String organisationId,
                            @NotBlank @Size(max = LONG_TEXT) String grounds, @Size(max = ID) String meetingId,
                            Instant occurredAt) {
    }

    record DispositionRequest(@NotNull Disposition disposition, @Positive Integer accommodatingVersion,
                              @Size(max = LONG_TEXT) String reasons, @Size(max = ID) String meetingId,
                              Instant occurredAt) {
    }

    record ReasonRequest(@Size(max = LONG_TEXT) String reason, @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record EndCallRequest(@NotBlank @Size(max = LONG_TEXT) String reasons, @Size(max = ID) String meetingId,
                          Instant occurredAt) {
    }

    record AnswerRequest(@NotBlank @Size(max = LONG_TEXT) String answer, @Size(max = ID) String answeredBy,
                         @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record OutcomeRequest(@NotNull ProposalOutcome outcome, @NotBlank @Size(max = LONG_TEXT) String rationale,
                          @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record AppealRequest(@NotBlank @Size(max = ID) String appellant, @NotBlank @Size(max = LONG_TEXT) String grounds,
                         @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    record AppealDecisionRequest(@NotNull AppealDecision decision, @NotBlank @Size(max = LONG_TEXT) String reasons,
                                 @Size(max = ID) String meetingId, Instant occurredAt) {
    }

    @GetMapping("/{id}")
    @Operation(summary = "The proposal as it stands now: text, positions, concerns, objections with their "
            + "dispositions, what still blocks a declaration, tallies by stakeholder group; its version as ETag")
    ResponseEntity<ProposalState> state(@PathVariable String id) {
        return Versions.ok(AggregateViews.require(proposals, "proposal", id, Proposal::state));
    }

    @GetMapping("/{id}/latest-change")
    @Operation(summary = "What the latest revision changed in the text, word by word: parts that stay (SAME), are "
            + "removed (REMOVED) or added (ADDED), in reading order; for version 1, its whole text as SAME; the "
            + "proposal's version as ETag")
    ResponseEntity<TextChange> latestChange(@PathVariable String id) {
        return Versions.ok(AggregateViews.require(proposals, "proposal", id, Proposal::latestChange));
    }

    @PostMapping
    @Operation(summary = "Submit a proposal (version 1) on behalf of a member")
    ResponseEntity<Recorded> submit(@Valid @RequestBody SubmitRequest request, Actor actor) {
        String id = Ids.next();
        commands.send(new SubmitProposal(id, request.bodyId(), request.proposedBy(), request.title(), request.text(),
                                         request.meetingId(), request.occurredAt(), actor));
        return Versions.created(URI.create("/api/proposals/" + id), 0, Recorded.of(id, 0));
    }

    @PostMapping("/{id}/revisions")
    @Operation(summary = "Revise the text: a new version (the proposer, or a co-chair)")
    ResponseEntity<Recorded> revise(@PathVariable String id, @Valid @RequestBody RevisionRequest request,
                                    @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        ProposalCommands.Revision revision = commands.send(
                new ReviseProposal(id, request.text(), request.summary(), request.meetingId(), request.occurredAt(),
                                   Versions.expected(ifMatch), actor));
        return Versions.created(URI.create("/api/proposals/" + id + "/revisions/" + revision.textVersion()),
                                revision.version(),
                                new Recorded(String.valueOf(revision.textVersion()), id, revision.version()));
    }

    @PostMapping("/{id}/consensus-call")
    @Operation(summary = "Open a consensus call, with an optional deadline before which no outcome is declared, at "
            + "most the body's limit ahead (14 days unless the secretariat set another) (a co-chair)")
    ResponseEntity<Recorded> consensusCall(@PathVariable String id,
                                           @Valid @RequestBody(required = false) ConsensusCallRequest request,
                                           @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                           Actor actor) {
        ConsensusCallRequest call = request == null ? new ConsensusCallRequest(null, null, null) : request;
        long version = commands.send(new OpenConsensusCall(id, call.deadline(), call.meetingId(), call.occurredAt(),
                                                           Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/consensus-call/ending")
    @Operation(summary = "End the consensus call before its deadline, with reasons (any co-chair of the body, or the "
            + "secretariat): no single co-chair can hold a decision back with a call")
    ResponseEntity<Recorded> endConsensusCall(@PathVariable String id, @Valid @RequestBody EndCallRequest request,
                                              @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                              Actor actor) {
        long version = commands.send(new EndConsensusCall(id, request.reasons(), request.meetingId(),
                                                          request.occurredAt(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/support")
    @Operation(summary = "Record a member's support",
               description = "In a meeting (meetingId), only for a member whose attendance at it is recorded (409 "
                       + "member-not-attending otherwise; there is no override).")
    ResponseEntity<Recorded> support(@PathVariable String id, @Valid @RequestBody SupportRequest request,
                                     @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        long version = commands.send(new ExpressSupport(id, request.organisationId(), request.comment(),
                                                        request.meetingId(), request.occurredAt(),
                                                        Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/stand-asides")
    @Operation(summary = "Record that a member stands aside, with its reason",
               description = "In a meeting (meetingId), only for a member whose attendance at it is recorded (409 "
                       + "member-not-attending otherwise; there is no override).")
    ResponseEntity<Recorded> standAside(@PathVariable String id, @Valid @RequestBody StandAsideRequest request,
                                        @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                        Actor actor) {
        long version = commands.send(new RecordStandAside(id, request.organisationId(), request.reason(),
                                                          request.meetingId(), request.occurredAt(),
                                                          Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/concerns")
    @Operation(summary = "Record a member's concern (does not block)",
               description = "In a meeting (meetingId), only for a member whose attendance at it is recorded (409 "
                       + "member-not-attending otherwise; there is no override).")
    ResponseEntity<Recorded> concern(@PathVariable String id, @Valid @RequestBody ConcernRequest request,
                                     @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        String concernId = Ids.next();
        long version = commands.send(new RaiseConcern(id, concernId, request.organisationId(), request.text(),
                                                      request.meetingId(), request.occurredAt(),
                                                      Versions.expected(ifMatch), actor));
        return Versions.created(URI.create("/api/proposals/" + id + "/concerns/" + concernId), version,
                                new Recorded(concernId, id, version));
    }

    @PostMapping("/{id}/objections")
    @Operation(summary = "Record a member's objection: it must be addressed before rough consensus",
               description = "In a meeting (meetingId), only for a member whose attendance at it is recorded (409 "
                       + "member-not-attending otherwise; there is no override).")
    ResponseEntity<Recorded> objection(@PathVariable String id, @Valid @RequestBody ObjectionRequest request,
                                       @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                       Actor actor) {
        String objectionId = Ids.next();
        long version = commands.send(new RaiseObjection(id, objectionId, request.organisationId(), request.grounds(),
                                                        request.meetingId(), request.occurredAt(),
                                                        Versions.expected(ifMatch), actor));
        return Versions.created(URI.create("/api/proposals/" + id + "/objections/" + objectionId), version,
                                new Recorded(objectionId, id, version));
    }

    @PostMapping("/{id}/objections/{oid}/disposition")
    @Operation(summary = "Record an objection's disposition: ACCOMMODATED (naming the later version that does it) "
            + "or NOT_ACCOMMODATED (with reasons) (a co-chair)")
    ResponseEntity<Recorded> disposition(@PathVariable String id, @PathVariable String oid,
                                         @Valid @RequestBody DispositionRequest request,
                                         @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                         Actor actor) {
        long version = commands.send(new AddressObjection(id, oid, request.disposition(),
                                                          request.accommodatingVersion(), request.reasons(),
                                                          request.meetingId(), request.occurredAt(),
                                                          Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(oid, id, version));
    }

    @PostMapping("/{id}/objections/{oid}/reconsideration")
    @Operation(summary = "After an upheld appeal, give an objection a new disposition (a co-chair); the one before "
            + "stays on the record",
               description = "Open from the moment an appeal is upheld until the next outcome, for an objection that "
                       + "has a disposition and was not withdrawn; the rules of a first disposition apply, and the "
                       + "next declaration records this one.")
    ResponseEntity<Recorded> reconsider(@PathVariable String id, @PathVariable String oid,
                                        @Valid @RequestBody DispositionRequest request,
                                        @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                        Actor actor) {
        long version = commands.send(new ReconsiderDisposition(id, oid, request.disposition(),
                                                               request.accommodatingVersion(), request.reasons(),
                                                               request.meetingId(), request.occurredAt(),
                                                               Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(oid, id, version));
    }

    @PostMapping("/{id}/concerns/{cid}/answers")
    @Operation(summary = "Answer a concern (the proposer or a co-chair; the secretariat enters an answer from the "
            + "minutes, naming who gave it in answeredBy)",
               description = "answeredBy defaults to the organisation of the token. A concern may be answered more "
                       + "than once, also after the proposal is decided; not once it is withdrawn.")
    ResponseEntity<Recorded> answer(@PathVariable String id, @PathVariable String cid,
                                    @Valid @RequestBody AnswerRequest request,
                                    @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        long version = commands.send(new AnswerConcern(id, cid, request.answer(), request.answeredBy(),
                                                       request.meetingId(), request.occurredAt(),
                                                       Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(cid, id, version));
    }

    @PostMapping("/{id}/objections/{oid}/withdrawal")
    @Operation(summary = "The objector withdraws its objection")
    ResponseEntity<Recorded> withdrawObjection(@PathVariable String id, @PathVariable String oid,
                                               @Valid @RequestBody(required = false) ReasonRequest request,
                                               @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                               Actor actor) {
        ReasonRequest reason = orEmpty(request);
        long version = commands.send(new WithdrawObjection(id, oid, reason.reason(), reason.meetingId(),
                                                           reason.occurredAt(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(oid, id, version));
    }

    @PostMapping("/{id}/outcome")
    @Operation(summary = "Declare ROUGH_CONSENSUS, NO_CONSENSUS or DEFERRED, with the rationale (a co-chair)")
    ResponseEntity<Recorded> outcome(@PathVariable String id, @Valid @RequestBody OutcomeRequest request,
                                     @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        long version = commands.send(new DeclareOutcome(id, request.outcome(), request.rationale(),
                                                        request.meetingId(), request.occurredAt(),
                                                        Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/withdrawal")
    @Operation(summary = "The proposer withdraws its proposal, before an outcome")
    ResponseEntity<Recorded> withdraw(@PathVariable String id,
                                      @Valid @RequestBody(required = false) ReasonRequest request,
                                      @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                      Actor actor) {
        ReasonRequest reason = orEmpty(request);
        long version = commands.send(new WithdrawProposal(id, reason.reason(), reason.meetingId(),
                                                          reason.occurredAt(), Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/reopening")
    @Operation(summary = "Reopen a deferred proposal (a co-chair)")
    ResponseEntity<Recorded> reopen(@PathVariable String id,
                                    @Valid @RequestBody(required = false) ReasonRequest request,
                                    @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        ReasonRequest reason = orEmpty(request);
        long version = commands.send(new ReopenProposal(id, reason.reason(), reason.meetingId(), reason.occurredAt(),
                                                        Versions.expected(ifMatch), actor));
        return Versions.ok(version, Recorded.of(id, version));
    }

    @PostMapping("/{id}/appeals")
    @Operation(summary = "Lodge an appeal against the outcome, with grounds (a member)")
    ResponseEntity<Recorded> appeal(@PathVariable String id, @Valid @RequestBody AppealRequest request,
                                    @RequestHeader(value = IF_MATCH, required = false) String ifMatch, Actor actor) {
        String appealId = Ids.next();
        long version = commands.send(new LodgeAppeal(id, appealId, request.appellant(), request.grounds(),
                                                     request.meetingId(), request.occurredAt(),
                                                     Versions.expected(ifMatch), actor));
        return Versions.created(URI.create("/api/proposals/" + id + "/appeals/" + appealId), version,
                                new Recorded(appealId, id, version));
    }

    @PostMapping("/{id}/appeals/{aid}/decision")
    @Operation(summary = "Decide an appeal: UPHELD opens the proposal again, DISMISSED lets the outcome stand "
            + "(a co-chair who did not declare the outcome, or the secretariat)")
    ResponseEntity<Recorded> decideAppeal(@PathVariable String id, @PathVariable String aid,
                                          @Valid @RequestBody AppealDecisionRequest request,
                                          @RequestHeader(value = IF_MATCH, required = false) String ifMatch,
                                          Actor actor) {
        long version = commands.send(new DecideAppeal(id, aid, request.decision(), request.reasons(),
                                                      request.meetingId(), request.occurredAt(),
                                                      Versions.expected(ifMatch), actor));
        return Versions.ok(version, new Recorded(aid, id, version));
    }

    private static ReasonRequest orEmpty(ReasonRequest request) {
        return request == null ? new ReasonRequest(null, null, null) : request;
    }
}
