package org.consensusledger.command.body;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;
import org.consensusledger.command.body.BodyCommands.Admission;
import org.consensusledger.command.body.BodyCommands.AdmitMember;
import org.consensusledger.command.body.BodyCommands.AmendMandate;
import org.consensusledger.command.body.BodyCommands.AppointCoChair;
import org.consensusledger.command.body.BodyCommands.EstablishBody;
import org.consensusledger.command.body.BodyCommands.RelieveCoChair;
import org.consensusledger.command.body.BodyCommands.SetConsensusCallLimit;
import org.consensusledger.command.body.BodyCommands.WithdrawMember;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.CoChairRelieved;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.body.MembershipRequested;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A body that decides by rough consensus: its members by stakeholder group and its co-chairs. The secretariat sets it
 * up; membership follows the terms of reference: a civil-society or private-sector organisation is admitted on
 * request with no approval step (rule 3), any member may propose a new member (rule 4), and any other request waits
 * for a co-chair to admit it.
 */
@Aggregate(cache = "bodyCache")
class Body {

    @AggregateIdentifier
    private String bodyId;
    private String name;
    private BodyKind kind;
    private String parentBodyId;
    private final Map<String, StakeholderGroup> members = new LinkedHashMap<>();
    private final Set<String> coChairs = new LinkedHashSet<>();
    /** Pending membership requests: organisation → who asked. */
    private final Map<String, String> requests = new LinkedHashMap<>();
    private int maxCallDays = BodyView.DEFAULT_MAX_CALL_DAYS;

    /** The longest limit the secretariat can set on a consensus call. */
    static final int MAX_CALL_DAYS = 365;

    Body() {
        // For Axon: rebuilt from its events.
    }

    @CommandHandler
    Body(EstablishBody command, Directory directory) {
        requireSecretariat(command.actor(), directory, "establishes bodies");
        if (command.kind() == BodyKind.WORKING_GROUP) {
            if (command.parentBodyId() == null) {
                throw new RuleViolation("working-group-needs-plenary",
                                        "A working group works under a plenary: parentBodyId is required");
            }
            BodyView parent = directory.requireBody(command.parentBodyId());
            if (parent.kind() != BodyKind.PLENARY) {
                throw new RuleViolation("working-group-needs-plenary", "Body \"" + parent.name()
                        + "\" is a working group, not a plenary: a working group works under a plenary");
            }
        } else if (command.parentBodyId() != null) {
            throw new RuleViolation("plenary-has-no-parent", "A plenary is not under another body: leave "
                    + "parentBodyId out");
        }
        String timeZone = command.timeZone() == null || command.timeZone().isBlank() ? null
                : command.timeZone().strip();
        if (timeZone != null && !TimeZones.known(timeZone)) {
            throw new RuleViolation("unknown-time-zone", TimeZones.refusal(timeZone));
        }
        apply(new BodyEstablished(command.bodyId(), command.name().strip(), command.kind(), command.parentBodyId(),
                                  command.mandate().strip(), timeZone));
    }

    @CommandHandler
    long handle(AppointCoChair command, Directory directory) {
        requireSecretariat(command.actor(), directory, "appoints co-chairs");
        if (!members.containsKey(command.organisationId())) {
            throw new RuleViolation("co-chair-must-be-member", directory.nameOf(command.organisationId())
                    + " is not a member of body " + quotedName() + ": admit it before appointing it co-chair");
        }
        if (coChairs.contains(command.organisationId())) {
            throw new RuleViolation("already-co-chair", directory.nameOf(command.organisationId())
                    + " is already a co-chair of body " + quotedName());
        }
        apply(new CoChairAppointed(bodyId, command.organisationId()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(RelieveCoChair command, Directory directory) {
        requireSecretariat(command.actor(), directory, "relieves co-chairs");
        if (!coChairs.contains(command.organisationId())) {
            throw new RuleViolation("not-a-co-chair", directory.nameOf(command.organisationId())
                    + " is not a co-chair of body " + quotedName());
        }
        apply(new CoChairRelieved(bodyId, command.organisationId(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    /**
     * The body's terms for consensus calls: the secretariat sets the longest a call may run, so that no co-chair can
     * hold a decision back with a call that never ends (a year at most; a call can also be ended early).
     */
    @CommandHandler
    long handle(SetConsensusCallLimit command, Directory directory) {
        requireSecretariat(command.actor(), directory, "sets the body's terms for consensus calls");
        if (command.maxCallDays() < 1 || command.maxCallDays() > MAX_CALL_DAYS) {
            throw new RuleViolation("call-limit-out-of-range", "A consensus call may be limited to 1 to "
                    + MAX_CALL_DAYS + " days, not " + command.maxCallDays());
        }
        apply(new ConsensusCallLimitSet(bodyId, command.maxCallDays()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    Admission handle(AdmitMember command, Directory directory) {
        OrganisationView organisation = directory.requireOrganisation(command.organisationId());
        String id = organisation.organisationId();
        if (members.containsKey(id)) {
            throw new RuleViolation("already-member", organisation.name() + " is already a member of body "
                    + quotedName());
        }
        Actor actor = command.actor();
        StakeholderGroup group = organisation.stakeholderGroup();
        if (actor.secretariat()) {
            apply(new MemberAdmitted(bodyId, id, group, AdmissionPath.BY_SECRETARIAT, requests.get(id), null));
        } else if (coChairs.contains(actor.organisationId())) {
            apply(new MemberAdmitted(bodyId, id, group, AdmissionPath.BY_CO_CHAIR, requests.get(id),
                                     actor.organisationId()));
        } else if (actor.actsFor(id) || members.containsKey(actor.organisationId())) {
            if (admittedOnRequest(group)) {
                apply(new MemberAdmitted(bodyId, id, group, AdmissionPath.ON_REQUEST, actor.organisationId(), null));
            } else if (requests.containsKey(id)) {
                throw new RuleViolation("membership-already-requested", "Membership of " + organisation.name()
                        + " in body " + quotedName() + " was already requested by "
                        + directory.nameOf(requests.get(id)) + "; a co-chair admits it");
            } else {
                apply(new MembershipRequested(bodyId, id, group, actor.organisationId()));
            }
        } else {
            throw new NotAllowed("Membership of body " + quotedName() + " is asked for by the organisation itself "
                                         + "or proposed by a member; this token is " + directory.describe(actor));
        }
        return new Admission(AggregateLifecycle.getVersion(), members.containsKey(id));
    }

    @CommandHandler
    long handle(WithdrawMember command, Directory directory) {
        Actor actor = command.actor();
        if (!actor.secretariat() && !actor.actsFor(command.organisationId())) {
            throw new NotAllowed("A member withdraws itself (or the secretariat records it); this token is "
                                         + directory.describe(actor));
        }
        if (!members.containsKey(command.organisationId())) {
            throw new RuleViolation("not-a-member", directory.nameOf(command.organisationId())
                    + " is not a member of body " + quotedName());
        }
        if (coChairs.contains(command.organisationId())) {
            throw new RuleViolation("co-chair-cannot-withdraw", directory.nameOf(command.organisationId())
                    + " co-chairs body " + quotedName() + ": the secretariat relieves it as co-chair first");
        }
        apply(new MemberWithdrawn(bodyId, command.organisationId(), command.reason()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    long handle(AmendMandate command, Directory directory) {
        requireSecretariat(command.actor(), directory, "amends mandates");
        apply(new MandateAmended(bodyId, command.mandate().strip(), command.rationale()));
        return AggregateLifecycle.getVersion();
    }

    /** Rule 3 of the terms of reference: co-chairs cannot block these groups from participating. */
    static boolean admittedOnRequest(StakeholderGroup group) {
        return group == StakeholderGroup.CIVIL_SOCIETY || group == StakeholderGroup.PRIVATE_SECTOR;
    }

    private static void requireSecretariat(Actor actor, Directory directory, String what) {
        if (!actor.secretariat()) {
            throw new NotAllowed("Only the secretariat " + what + "; this token is " + directory.describe(actor));
        }
    }

    /** The body as refusals name it: by its name, which is what its members know it by. */
    private String quotedName() {
        return "\"" + name + "\"";
    }

    @EventSourcingHandler
    void on(BodyEstablished event) {
        bodyId = event.bodyId();
        name = event.name();
        kind = event.kind();
        parentBodyId = event.parentBodyId();
    }

    @EventSourcingHandler
    void on(CoChairAppointed event) {
        coChairs.add(event.organisationId());
    }

    @EventSourcingHandler
    void on(CoChairRelieved event) {
        coChairs.remove(event.organisationId());
    }

    @EventSourcingHandler
    void on(MembershipRequested event) {
        requests.put(event.organisationId(), event.requestedBy());
    }

    @EventSourcingHandler
    void on(MemberAdmitted event) {
        requests.remove(event.organisationId());
        members.put(event.organisationId(), event.stakeholderGroup());
    }

    @EventSourcingHandler
    void on(MemberWithdrawn event) {
        members.remove(event.organisationId());
    }

    @EventSourcingHandler
    void on(ConsensusCallLimitSet event) {
        maxCallDays = event.maxCallDays();
    }

    BodyView view() {
        return new BodyView(bodyId, name, kind, parentBodyId, Map.copyOf(members), Set.copyOf(coChairs),
                            maxCallDays, Collections.unmodifiableMap(new LinkedHashMap<>(requests)));
    }
}
