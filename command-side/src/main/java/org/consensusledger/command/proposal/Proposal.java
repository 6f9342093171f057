package org.consensusledger.command.proposal;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
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
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.ProposalView;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.command.shared.NextStep;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.AppealDecision;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.AppealDecided;
import org.consensusledger.events.proposal.AppealLodged;
import org.consensusledger.events.proposal.ConcernAnswered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ConsensusCallEnded;
import org.consensusledger.events.proposal.ConsensusCallOpened;
import org.consensusledger.events.proposal.ConsensusNotReached;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ObjectionReconsidered;
import org.consensusledger.events.proposal.ObjectionWithdrawn;
import org.consensusledger.events.proposal.ProposalDeferred;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalLifecycle.Stage;
import org.consensusledger.events.proposal.ProposalReopened;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A proposal before a body, decided by rough consensus as RFC 7282 describes it: every objection must be addressed
 * (accommodated by a later revision, or answered with written reasons) before a co-chair can declare rough consensus;
 * heads are counted only for the record. A co-chair's objection is an objection like any other. Who may do what is
 * checked by {@link Permissions}; what the state allows, here.
 */
@Aggregate(cache = "proposalCache")
class Proposal {

    @AggregateIdentifier
    private String proposalId;
    private String bodyId;
    private String proposedBy;
    private String title;
    private int version;
    private String text;
    /** The text before the latest revision (null while there was none), for what the latest revision changed. */
    private String previousText;
    /** Its status and the outcome in force, as the {@link ProposalLifecycle} folds them from its events. */
    private Stage stage;
    private String declaredBy;
    private Instant callDeadline;
    private String openAppealId;
    /** The member that lodged the open appeal: it cannot decide it, even as a co-chair. */
    private String openAppellant;
    /** When the proposal was submitted: nothing about it happened before. */
    private Instant submittedAt;
    /** The appeal upheld last, until the next outcome: the co-chairs may reconsider dispositions meanwhile. */
    private String upheldAppealId;
    private final Map<String, Tallies.Stance> positions = new LinkedHashMap<>();
    /** The text version each member's latest position was given on: a later revision may not have its support. */
    private final Map<String, Integer> positionVersions = new LinkedHashMap<>();
    private final List<Concern> concerns = new ArrayList<>();
    private final Map<String, Objection> objections = new LinkedHashMap<>();

    Proposal() {
        // For Axon: rebuilt from its events.
    }

    @CommandHandler
    Proposal(SubmitProposal command, Directory directory) {
        BodyView body = directory.requireBody(command.bodyId());
        Permissions.requireActingFor(command.actor(), command.proposedBy(), body, directory);
        requireText(command.title(), "title");
        requireText(command.text(), "text");
        Moment moment = Moment.of(command.meetingId(), command.occurredAt(), body.bodyId(), directory);
        apply(new ProposalSubmitted(command.proposalId(), body.bodyId(), command.proposedBy(), command.title().strip(),
                                    command.text(), Texts.sha256(command.text()), moment.meetingId(),
                                    moment.occurredAt()));
    }

    @CommandHandler
    ProposalCommands.Revision handle(ReviseProposal command, Directory directory) {
        BodyView body = directory.requireBody(bodyId);
        requireOpen("revised");
        Permissions.requireActingFor(command.actor(), proposedBy, body, directory);
        requireText(command.text(), "text");
        if (command.text().equals(text)) {
            throw new RuleViolation("revision-unchanged", "The text is the same as version " + version
                    + " of proposal " + quotedTitle() + ": a revision changes it");
        }
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ProposalRevised(proposalId, bodyId, version + 1, command.text(), Texts.sha256(command.text()),
                                  command.summary(), command.actor().organisationId(), moment.meetingId(),
                                  moment.occurredAt()));
        return new ProposalCommands.Revision(AggregateLifecycle.getVersion(), version);
    }

    @CommandHandler
    long handle(OpenConsensusCall command, Directory directory) {
        Permissions.requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "opens a consensus call");
        if (stage.status() == ProposalStatus.CALL_OPEN) {
            throw new RuleViolation("consensus-call-already-open", "A consensus call on proposal " + quotedTitle()
                    + " is already open" + (callDeadline == null ? "" : " until " + callDeadline) + "; a co-chair "
                    + "or the secretariat may end it first, with reasons");
        }
        requireOpen("called for consensus");
        BodyView body = directory.requireBody(bodyId);
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        if (command.deadline() != null && !command.deadline().isAfter(LedgerTime.now())) {
            throw new RuleViolation("deadline-in-past", "The deadline of a consensus call is in the future; "
                    + command.deadline() + " is not");
        }
        Instant latest = LedgerTime.now().plus(Duration.ofDays(body.maxCallDays()));
        if (command.deadline() != null && command.deadline().isAfter(latest)) {
            throw new RuleViolation("call-too-long", "A consensus call of body \"" + body.name() + "\" runs "
                    + body.maxCallDays() + " days at most (the body's terms): its deadline can be " + latest
                    + " at the latest, not " + command.deadline());
        }
        apply(new ConsensusCallOpened(proposalId, bodyId, version, command.deadline(),
                                      command.actor().organisationId(), moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ExpressSupport command, Directory directory) {
        BodyView body = contribution(command.actor(), command.organisationId(), directory, "supported");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        requireAttending(command.organisationId(), moment, directory);
        apply(new SupportExpressed(proposalId, bodyId, command.organisationId(), body.groupOf(command.organisationId()),
                                   version, command.comment(), moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RecordStandAside command, Directory directory) {
        BodyView body = contribution(command.actor(), command.organisationId(), directory, "stood aside from");
        requireText(command.reason(), "reason");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        requireAttending(command.organisationId(), moment, directory);
        apply(new StandAsideRecorded(proposalId, bodyId, command.organisationId(),
                                     body.groupOf(command.organisationId()), version, command.reason(),
                                     moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RaiseConcern command, Directory directory) {
        BodyView body = contribution(command.actor(), command.organisationId(), directory, "given concerns");
        requireText(command.text(), "text");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        requireAttending(command.organisationId(), moment, directory);
        apply(new ConcernRaised(proposalId, bodyId, command.concernId(), command.organisationId(),
                                body.groupOf(command.organisationId()), version, command.text(), moment.meetingId(),
                                moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RaiseObjection command, Directory directory) {
        BodyView body = contribution(command.actor(), command.organisationId(), directory, "objected to");
        requireText(command.grounds(), "grounds");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        requireAttending(command.organisationId(), moment, directory);
        apply(new ObjectionRaised(proposalId, bodyId, command.objectionId(), command.organisationId(),
                                  body.groupOf(command.organisationId()), version, command.grounds(),
                                  moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(AddressObjection command, Directory directory) {
        Permissions.requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "records dispositions");
        requireOpen("given dispositions");
        Objection objection = objection(command.objectionId());
        if (objection.withdrawn()) {
            throw new RuleViolation("objection-withdrawn", capitalised(named(objection, directory))
                    + " was withdrawn by its objector: it needs no disposition");
        }
        if (objection.disposition() != null) {
            throw new RuleViolation("objection-already-addressed", capitalised(named(objection, directory))
                    + " already has a disposition: " + words(objection.disposition())
                    + (objection.addressedBy() == null ? ""
                            : ", given by " + directory.nameOf(objection.addressedBy())));
        }
        Integer accommodating = checkedDisposition(directory.nameOf(objection.organisationId()), objection,
                                                   command.disposition(), command.accommodatingVersion(),
                                                   command.reasons());
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ObjectionAddressed(proposalId, bodyId, objection.objectionId(), command.disposition(), accommodating,
                                     command.reasons(), command.actor().organisationId(), moment.meetingId(),
                                     moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Ends a consensus call before its deadline, with reasons: any co-chair of the body, or the secretariat, may — so
     * that no single co-chair can hold a decision back with a call.
     */
    @CommandHandler
    long handle(EndConsensusCall command, Directory directory) {
        if (!command.actor().secretariat()) {
            Permissions.requireCoChair(command.actor(), directory.requireBody(bodyId), directory,
                                       "ends a consensus call");
        }
        if (stage.status() != ProposalStatus.CALL_OPEN) {
            throw new RuleViolation("no-consensus-call", "No consensus call is open on proposal " + quotedTitle()
                    + " (it is " + describeStatus() + "): there is nothing to end");
        }
        requireText(command.reasons(), "reasons");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ConsensusCallEnded(proposalId, bodyId, command.actor().organisationId(), command.reasons().strip(),
                                     moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * Answers a concern: the proposer or a co-chair gives the answer (their delegate sends it, or the secretariat
     * enters it from the minutes, naming who answered). A concern may be answered more than once.
     */
    @CommandHandler
    long handle(AnswerConcern command, Directory directory) {
        if (stage.status() == ProposalStatus.WITHDRAWN) {
            throw new RuleViolation("proposal-withdrawn", "Proposal " + quotedTitle() + " was withdrawn: its "
                    + "concerns are no longer answered");
        }
        BodyView body = directory.requireBody(bodyId);
        String answeredBy = command.answeredBy() != null ? command.answeredBy() : command.actor().organisationId();
        if (answeredBy == null) {
            throw new RuleViolation("answered-by-required", "The secretariat enters an answer given by the "
                    + "proposer or a co-chair: answeredBy names which");
        }
        if (!answeredBy.equals(proposedBy) && !body.isCoChair(answeredBy)) {
            throw new NotAllowed("A concern is answered by the proposer (" + directory.nameOf(proposedBy)
                                         + ") or a co-chair of body \"" + body.name() + "\", not by "
                                         + directory.nameOf(answeredBy));
        }
        if (!command.actor().secretariat() && !command.actor().actsFor(answeredBy)
                && !body.isCoChair(command.actor().organisationId())) {
            throw new NotAllowed("A delegate of " + directory.nameOf(command.actor().organisationId())
                                         + " cannot answer for " + directory.nameOf(answeredBy));
        }
        if (concerns.stream().noneMatch(concern -> concern.concernId().equals(command.concernId()))) {
            throw new UnknownReference("concern", command.concernId() + " on proposal " + quotedTitle());
        }
        requireText(command.answer(), "answer");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ConcernAnswered(proposalId, bodyId, command.concernId(), command.answer(), answeredBy,
                                  moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * After an appeal was upheld, a co-chair may give an objection a new disposition (the one before stays on the
     * record; a later declaration records this one), until the proposal is decided again.
     */
    @CommandHandler
    long handle(ReconsiderDisposition command, Directory directory) {
        Permissions.requireCoChair(command.actor(), directory.requireBody(bodyId), directory,
                                   "reconsiders dispositions");
        requireOpen("given dispositions");
        if (upheldAppealId == null) {
            throw new RuleViolation("nothing-to-reconsider", "A disposition is reconsidered after an appeal against "
                    + "the outcome was upheld; no appeal on proposal " + quotedTitle() + " has been upheld since its "
                    + "last outcome");
        }
        Objection objection = objection(command.objectionId());
        if (objection.withdrawn() || objection.disposition() == null) {
            throw new RuleViolation("objection-without-disposition", capitalised(named(objection, directory))
                    + (objection.withdrawn() ? " was withdrawn" : " has no disposition yet")
                    + ": there is no disposition to reconsider");
        }
        Integer accommodating = checkedDisposition(directory.nameOf(objection.organisationId()), objection,
                                                   command.disposition(), command.accommodatingVersion(),
                                                   command.reasons());
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ObjectionReconsidered(proposalId, bodyId, objection.objectionId(), command.disposition(),
                                        accommodating, command.reasons(), command.actor().organisationId(),
                                        upheldAppealId, moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(WithdrawObjection command, Directory directory) {
        requireOpen("changed");
        Objection objection = objection(command.objectionId());
        Permissions.requireActingFor(command.actor(), objection.organisationId(), directory.requireBody(bodyId),
                                     directory);
        if (objection.withdrawn()) {
            throw new RuleViolation("objection-withdrawn", capitalised(named(objection, directory))
                    + " is already withdrawn");
        }
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ObjectionWithdrawn(proposalId, bodyId, objection.objectionId(), objection.organisationId(),
                                     command.reason(), moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(DeclareOutcome command, Directory directory) {
        Permissions.requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "declares outcomes");
        requireOpen("decided");
        requireText(command.rationale(), "rationale");
        if (callDeadline != null && LedgerTime.now().isBefore(callDeadline)) {
            throw new RuleViolation("consensus-call-open", "The consensus call on proposal " + quotedTitle()
                    + " runs until " + callDeadline + ": contributions are still taken and no outcome can be "
                    + "declared before then");
        }
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        String by = command.actor().organisationId();
        switch (command.outcome()) {
            case ROUGH_CONSENSUS -> {
                List<String> blocking = objections.values().stream().filter(Objection::blocks)
                                                  .map(objection -> named(objection, directory)).toList();
                if (!blocking.isEmpty()) {
                    throw new RuleViolation("objection-without-disposition", "Cannot declare rough consensus: "
                            + String.join(" and ", blocking) + (blocking.size() == 1 ? " has" : " have")
                            + " no disposition");
                }
                apply(new RoughConsensusDeclared(proposalId, bodyId, version, Texts.sha256(text),
                                                 command.rationale(), dissent(), tallies(), by, moment.meetingId(),
                                                 moment.occurredAt()));
            }
            case NO_CONSENSUS -> apply(new ConsensusNotReached(proposalId, bodyId, version, command.rationale(),
                                                               tallies(), by, moment.meetingId(),
                                                               moment.occurredAt()));
            case DEFERRED -> apply(new ProposalDeferred(proposalId, bodyId, version, command.rationale(), by,
                                                        moment.meetingId(), moment.occurredAt()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(WithdrawProposal command, Directory directory) {
        Permissions.requireProposer(command.actor(), proposedBy, title, directory);
        if (stage.status() != ProposalStatus.DEFERRED) {
            requireOpen("withdrawn");
        }
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ProposalWithdrawn(proposalId, bodyId, proposedBy, command.reason(), moment.meetingId(),
                                    moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(ReopenProposal command, Directory directory) {
        Permissions.requireCoChair(command.actor(), directory.requireBody(bodyId), directory, "reopens proposals");
        if (stage.status() != ProposalStatus.DEFERRED) {
            throw new RuleViolation("not-deferred", "Proposal " + quotedTitle() + " is " + describeStatus()
                    + ": only a deferred proposal is reopened");
        }
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new ProposalReopened(proposalId, bodyId, command.reason(), command.actor().organisationId(),
                                   moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(LodgeAppeal command, Directory directory) {
        if (stage.status() == ProposalStatus.APPEALED) {
            throw new RuleViolation("appeal-pending", "Proposal " + quotedTitle() + " is already under appeal (by "
                    + directory.nameOf(openAppellant) + "): it is decided first");
        }
        if (stage.status() != ProposalStatus.DECIDED) {
            throw new RuleViolation("nothing-to-appeal", "Proposal " + quotedTitle() + " is " + describeStatus()
                    + ": an appeal is lodged against an outcome (rough consensus or no consensus)");
        }
        Permissions.requireActingFor(command.actor(), command.appellant(), directory.requireBody(bodyId), directory);
        requireText(command.grounds(), "grounds");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new AppealLodged(proposalId, bodyId, command.appealId(), command.appellant(), command.grounds(),
                               moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(DecideAppeal command, Directory directory) {
        if (stage.status() != ProposalStatus.APPEALED || !command.appealId().equals(openAppealId)) {
            throw new UnknownReference("open appeal", command.appealId() + " of proposal " + quotedTitle());
        }
        Permissions.requireAppealDecider(command.actor(), directory.requireBody(bodyId), directory, declaredBy,
                                         openAppellant);
        requireText(command.reasons(), "reasons");
        Moment moment = moment(command.meetingId(), command.occurredAt(), directory);
        apply(new AppealDecided(proposalId, bodyId, command.appealId(), command.decision(), command.reasons(),
                                command.actor().organisationId(), moment.meetingId(), moment.occurredAt()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * A disposition as the rules allow it: ACCOMMODATED names a revision later than the objection (and existing);
     * NOT_ACCOMMODATED gives written reasons. Returns the accommodating version (null when not accommodated).
     */
    private Integer checkedDisposition(String objector, Objection objection, Disposition disposition,
                                       Integer accommodating, String reasons) {
        if (disposition == Disposition.ACCOMMODATED) {
            if (accommodating == null) {
                throw new RuleViolation("accommodation-needs-revision", "ACCOMMODATED names the revision that "
                        + "accommodates " + named(objector, objection) + ": accommodatingVersion is required");
            }
            if (accommodating <= objection.version()) {
                throw new RuleViolation("accommodation-needs-later-revision", "The objection of " + objector
                        + " was raised against version " + objection.version() + ": the revision that accommodates "
                        + "it must be later than version " + objection.version() + ", not version " + accommodating);
            }
            if (accommodating > version) {
                throw new RuleViolation("unknown-revision", "Proposal " + quotedTitle() + " has no version "
                        + accommodating + " (its current version is " + version + ")");
            }
            return accommodating;
        }
        if (reasons == null || reasons.isBlank()) {
            throw new RuleViolation("reasons-required", "NOT_ACCOMMODATED needs written reasons: they are blank for "
                    + named(objector, objection));
        }
        return null;
    }

    /**
     * When and in which meeting a step on this proposal happened: as {@link Moment} says, and never before the
     * proposal was submitted.
     */
    private Moment moment(String meetingId, Instant occurredAt, Directory directory) {
        Moment moment = Moment.of(meetingId, occurredAt, bodyId, directory);
        if (moment.occurredAt().isBefore(submittedAt)) {
            throw new RuleViolation("occurred-before-submission", "occurredAt " + moment.occurredAt()
                    + " is before proposal " + quotedTitle() + " was submitted (" + submittedAt + ")");
        }
        return moment;
    }

    /**
     * A position taken in a meeting is a member's that is there: its attendance is recorded (in person or remote)
     * before anything is recorded for it in the meeting.
     */
    private static void requireAttending(String organisationId, Moment moment, Directory directory) {
        if (moment.meeting() != null && !moment.meeting().isAttending(organisationId)) {
            throw new RuleViolation("member-not-attending", directory.nameOf(organisationId) + " is not recorded as "
                    + "attending meeting \"" + moment.meeting().title() + "\": record its attendance (in person or "
                    + "remote) before its position in the meeting");
        }
    }

    private BodyView contribution(org.consensusledger.command.shared.Actor actor, String organisationId,
                                  Directory directory, String what) {
        requireOpen(what);
        BodyView body = directory.requireBody(bodyId);
        Permissions.requireActingFor(actor, organisationId, body, directory);
        return body;
    }

    private Objection objection(String objectionId) {
        Objection objection = objections.get(objectionId);
        if (objection == null) {
            throw new UnknownReference("objection", objectionId + " on proposal " + quotedTitle());
        }
        return objection;
    }

    private List<GroupTally> tallies() {
        return Tallies.of(positions.values(), concerns.stream().map(Concern::stakeholderGroup).toList(),
                          objections.values().stream().filter(objection -> !objection.withdrawn())
                                    .map(Objection::stakeholderGroup).toList());
    }

    /** The objections addressed but not accommodated: what a declaration of rough consensus records as dissent. */
    private List<Dissent> dissent() {
        return objections.values().stream().filter(Objection::isDissent)
                         .map(o -> new Dissent(o.objectionId(), o.organisationId(), o.stakeholderGroup(), o.grounds(),
                                               o.reasons()))
                         .toList();
    }

    /** The proposal as it stands, for a co-chair's screen: what blocks a declaration is what the handler checks. */
    /** What the latest revision changed, word by word; for version 1, its whole text as it stands. */
    TextChange latestChange() {
        return new TextChange(proposalId, previousText == null ? version : version - 1, version,
                              TextChange.between(previousText == null ? text : previousText, text));
    }

    ProposalState state() {
        Map<String, Tallies.Position> stances = new LinkedHashMap<>();
        positions.forEach((organisation, stance) -> stances.put(organisation, stance.position()));
        return new ProposalState(proposalId, bodyId, title, proposedBy, version, text, stage.status(), stage.outcome(),
                                 callDeadline, stances, new LinkedHashMap<>(positionVersions), List.copyOf(concerns),
                                 List.copyOf(objections.values()),
                                 objections.values().stream().filter(Objection::blocks).count(), dissent(),
                                 tallies());
    }

    /** The proposal as a meeting's agenda and the console's proposal page see it. */
    ProposalView view() {
        return new ProposalView(proposalId, bodyId, title, proposedBy, stage.status(), stage.outcome(), callDeadline,
                                openAppealId, openAppellant, declaredBy);
    }

    /**
     * Nothing but an appeal or a correction is accepted against a decided or withdrawn proposal; the error says so,
     * and names the steps still allowed (where to send them is the API's business).
     */
    private void requireOpen(String what) {
        if (stage.status().isOpen()) {
            return;
        }
        throw switch (stage.status()) {
            case DECIDED -> closed(what, "only an appeal or a record correction is accepted",
                                   NextStep.appeal(proposalId), NextStep.correction());
            case APPEALED -> closed(what, "only the decision of the open appeal or a record correction is accepted",
                                    NextStep.appealDecision(proposalId, openAppealId), NextStep.correction());
            case DEFERRED -> closed(what, "a co-chair reopens it first", NextStep.reopening(proposalId));
            default -> closed(what, "only a record correction is accepted", NextStep.correction());
        };
    }

    private RuleViolation closed(String what, String instead, NextStep... next) {
        return new RuleViolation("proposal-" + stage.status().name().toLowerCase().replace('_', '-'),
                                 "Proposal " + quotedTitle() + " is " + describeStatus() + " and cannot be " + what
                                         + ": " + instead, List.of(next));
    }

    private String describeStatus() {
        return switch (stage.status()) {
            case DECIDED -> "decided (" + words(stage.outcome()) + ")";
            case APPEALED -> "decided (" + words(stage.outcome()) + ") and under appeal";
            default -> stage.status().name().toLowerCase().replace('_', ' ');
        };
    }

    /** The proposal as refusals name it: by its title, which is what the people in the room know it by. */
    private String quotedTitle() {
        return "\"" + title + "\"";
    }

    /** An objection as refusals name it: by its objector, and the version it was raised against. */
    private static String named(Objection objection, Directory directory) {
        return named(directory.nameOf(objection.organisationId()), objection);
    }

    private static String named(String objector, Objection objection) {
        return "the objection of " + objector + " (against version " + objection.version() + ")";
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** An enumeration's value as words: NOT_ACCOMMODATED is "not accommodated". */
    private static String words(Enum<?> value) {
        return value.name().toLowerCase().replace('_', ' ');
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation("text-required", field + " must not be blank");
        }
    }

    // Each handler first moves the proposal on in its lifecycle, then keeps what this aggregate's decisions need.

    @EventSourcingHandler
    void on(ProposalSubmitted event) {
        stage = ProposalLifecycle.submitted();
        submittedAt = event.occurredAt();
        proposalId = event.proposalId();
        bodyId = event.bodyId();
        proposedBy = event.proposedBy();
        title = event.title();
        text = event.text();
        version = 1;
    }

    @EventSourcingHandler
    void on(ProposalRevised event) {
        stage = stage.after(event);
        version = event.version();
        previousText = text;
        text = event.text();
    }

    @EventSourcingHandler
    void on(ConsensusCallOpened event) {
        stage = stage.after(event);
        callDeadline = event.deadline();
    }

    @EventSourcingHandler
    void on(SupportExpressed event) {
        stage = stage.after(event);
        positions.put(event.organisationId(), new Tallies.Stance(Tallies.Position.SUPPORT, event.stakeholderGroup()));
        positionVersions.put(event.organisationId(), event.version());
    }

    @EventSourcingHandler
    void on(StandAsideRecorded event) {
        stage = stage.after(event);
        positions.put(event.organisationId(),
                      new Tallies.Stance(Tallies.Position.STAND_ASIDE, event.stakeholderGroup()));
        positionVersions.put(event.organisationId(), event.version());
    }

    @EventSourcingHandler
    void on(ConcernRaised event) {
        stage = stage.after(event);
        concerns.add(new Concern(event.concernId(), event.organisationId(), event.stakeholderGroup(), event.version(),
                                 event.text()));
    }

    @EventSourcingHandler
    void on(ObjectionRaised event) {
        stage = stage.after(event);
        objections.put(event.objectionId(), Objection.raised(event.objectionId(), event.organisationId(),
                                                             event.stakeholderGroup(), event.version(),
                                                             event.grounds()));
    }

    @EventSourcingHandler
    void on(ObjectionAddressed event) {
        stage = stage.after(event);
        objections.computeIfPresent(event.objectionId(),
                                    (id, objection) -> objection.addressed(event.disposition(), event.reasons(),
                                                                           event.addressedBy()));
    }

    @EventSourcingHandler
    void on(ObjectionWithdrawn event) {
        stage = stage.after(event);
        objections.computeIfPresent(event.objectionId(), (id, objection) -> objection.withdraw());
    }

    @EventSourcingHandler
    void on(RoughConsensusDeclared event) {
        stage = stage.after(event);
        decided(event.declaredBy());
    }

    @EventSourcingHandler
    void on(ConsensusNotReached event) {
        stage = stage.after(event);
        decided(event.declaredBy());
    }

    @EventSourcingHandler
    void on(ProposalDeferred event) {
        stage = stage.after(event);
        callDeadline = null;
        upheldAppealId = null;
    }

    @EventSourcingHandler
    void on(ConsensusCallEnded event) {
        stage = stage.after(event);
        callDeadline = null;
    }

    @EventSourcingHandler
    void on(ConcernAnswered event) {
        // Answers change nothing a decision depends on; the public record shows them.
        stage = stage.after(event);
    }

    @EventSourcingHandler
    void on(ObjectionReconsidered event) {
        stage = stage.after(event);
        objections.computeIfPresent(event.objectionId(),
                                    (id, objection) -> objection.addressed(event.disposition(), event.reasons(),
                                                                           event.reconsideredBy()));
    }

    @EventSourcingHandler
    void on(ProposalReopened event) {
        stage = stage.after(event);
    }

    @EventSourcingHandler
    void on(ProposalWithdrawn event) {
        stage = stage.after(event);
    }

    @EventSourcingHandler
    void on(AppealLodged event) {
        stage = stage.after(event);
        openAppealId = event.appealId();
        openAppellant = event.appellant();
    }

    @EventSourcingHandler
    void on(AppealDecided event) {
        stage = stage.after(event);
        openAppealId = null;
        if (event.decision() == AppealDecision.UPHELD) {
            declaredBy = null;
            upheldAppealId = event.appealId();
        }
    }

    private void decided(String by) {
        upheldAppealId = null;
        declaredBy = by;
        callDeadline = null;
    }
}
