package org.consensusledger.query.body;

import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.ConsensusCallLimitSet;
import org.consensusledger.query.body.BodyDocument.MeetingSummary;
import org.consensusledger.query.body.BodyDocument.ProposalSummary;
import org.consensusledger.query.organisation.OrganisationDocument;
import org.consensusledger.query.organisation.Organisations;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the public sees of bodies, for the JSON API and the public site alike: members and co-chairs by stakeholder
 * group, whether the composition the terms of reference ask for is there, meetings and decisions; now, or as the
 * ledger held them at an instant (rebuilt from the events).
 */
@Component
public class BodyViews {

    private final Bodies bodies;
    private final BodyProposals proposals;
    private final BodyHistory history;
    private final Organisations organisations;

    BodyViews(Bodies bodies, BodyProposals proposals, BodyHistory history, Organisations organisations) {
        this.bodies = bodies;
        this.proposals = proposals;
        this.history = history;
        this.organisations = organisations;
    }

    public record Organisation(String organisationId, String name, StakeholderGroup stakeholderGroup) {
    }

    /** A member, and the corrections of its organisation's record. */
    public record MemberView(String organisationId, String name, StakeholderGroup stakeholderGroup,
                             AdmissionPath admission, String requestedBy, String admittedBy, Instant admittedAt,
                             boolean coChair, List<Correction> corrections) {
    }

    /**
     * Rule 5 of the terms of reference, shown, never enforced: a working group should be co-facilitated by at least
     * one government and one non-governmental organisation, and include at least one private-sector organisation.
     */
    public record Composition(boolean applies, boolean coFacilitatedByGovernment,
                              boolean coFacilitatedByNonGovernmental, boolean includesPrivateSector, boolean met,
                              Map<StakeholderGroup, Integer> membersByGroup) {
    }

    public record BodySummary(String bodyId, String name, BodyKind kind, String parentBodyId, int members,
                              int coChairs, Composition composition) {
    }

    /**
     * A membership request waiting for a co-chair: the organisation, who asked ({@code requestedBy}: the organisation
     * itself, or a member that proposed it) and when the ledger recorded it.
     */
    public record MembershipRequest(String organisationId, String name, StakeholderGroup stakeholderGroup,
                                    String requestedBy, Instant requestedAt) {

        /** Asked by the organisation itself, not proposed by a member. */
        public boolean byItself() {
            return organisationId.equals(requestedBy);
        }
    }

    /** Another body, named: a working group's plenary, or a plenary's working group. */
    public record BodyRef(String bodyId, String name, BodyKind kind) {
    }

    /**
     * A body as the public sees it. {@code plenary} is a working group's plenary (null for a plenary, or when the log
     * holds no such body), {@code workingGroups} a plenary's working groups (established by then, with {@code asOf}).
     */
    public record BodyView(String bodyId, String name, BodyKind kind, String parentBodyId, String mandate,
                           Instant establishedAt, Map<StakeholderGroup, List<MemberView>> membersByGroup,
                           List<Organisation> coChairs, List<MembershipRequest> membershipRequests,
                           Composition composition, List<MeetingSummary> meetings, List<ProposalSummary> decisions,
                           List<ProposalSummary> proposals, int maxCallDays, List<Correction> corrections,
                           Map<String, String> organisationNames, long asOfPosition, String timeZone,
                           BodyRef plenary, List<BodyRef> workingGroups) {
    }

    /** Every body, now or as the ledger held them at {@code asOf} (null: now). */
    public List<BodySummary> list(Instant asOf) {
        List<BodySummary> summaries = new ArrayList<>();
        for (BodyDocument now : bodies.model().collection().find()) {
            Optional<BodyDocument> body = asOf == null ? Optional.of(now) : history.asOf(now.id(), asOf);
            body.ifPresent(then -> summaries.add(new BodySummary(
                    then.id(), then.name(), then.kind(), then.parentBodyId(), then.members().size(),
                    then.coChairs().size(), composition(then))));
        }
        return summaries;
    }

    /**
     * An organisation's place in one body: a member (how it was admitted: {@code admission}, who asked, who admitted
     * it, when), a co-chair too, or waiting to be admitted ({@code member} null, {@code request} not).
     */
    public record Membership(BodyRef body, BodyDocument.Member member, boolean coChair,
                             BodyDocument.Request request) {
    }

    /** The bodies an organisation is a member or co-chair of, or asks to join, as they stand now, by name. */
    public List<Membership> memberships(String organisationId) {
        List<Membership> found = new ArrayList<>();
        for (BodyDocument body : bodies.involving(organisationId)) {
            BodyDocument.Member member = body.members().stream()
                    .filter(m -> m.organisationId().equals(organisationId)).findFirst().orElse(null);
            BodyDocument.Request request = body.requests().stream()
                    .filter(r -> r.organisationId().equals(organisationId)).findFirst().orElse(null);
            found.add(new Membership(new BodyRef(body.id(), body.name(), body.kind()), member,
                                     body.coChairs().contains(organisationId), request));
        }
        found.sort(Comparator.comparing(membership -> membership.body().name()));
        return found;
    }

    /** A body's name, as it stands now; empty if unknown. */
    public Optional<String> name(String bodyId) {
        return bodies.find(bodyId).map(BodyDocument::name);
    }

    /** The body with its proposals, now or as the ledger held it at {@code asOf} (null: now); empty if unknown then. */
    public Optional<BodyDocument> find(String id, Instant asOf) {
        return asOf == null ? bodies.find(id).map(this::withProposals) : history.asOf(id, asOf);
    }

    /** The stored body with its proposals, kept apart; its position is the latest of all of them. */
    private BodyDocument withProposals(BodyDocument body) {
        List<BodyProposalDocument> stored = proposals.of(body.id());
        long position = body.position();
        for (BodyProposalDocument proposal : stored) {
            position = Math.max(position, proposal.position());
        }
        return body.withProposals(none -> stored.stream().map(BodyProposalDocument::proposal).toList())
                   .at(position);
    }

    /**
     * The body as the public sees it, with the corrections of its members' records (those recorded by {@code asOf},
     * if given); its position is the latest of the body's and of those corrections.
     */
    public BodyView view(BodyDocument body, Instant asOf) {
        Map<String, List<Correction>> corrections = organisations.corrections(
                body.members().stream().map(BodyDocument.Member::organisationId).toList());
        Set<String> named = new HashSet<>(body.coChairs());
        body.members().forEach(member -> named.add(member.organisationId()));
        body.requests().forEach(pending -> {
            named.add(pending.organisationId());
            named.add(pending.requestedBy());
        });
        body.members().forEach(member -> {
            named.add(member.requestedBy());
            named.add(member.admittedBy());
        });
        named.remove(null);
        body.corrections().forEach(correction -> named.add(correction.actingFor()));
        corrections.values().forEach(ofMember -> ofMember.forEach(correction -> named.add(correction.actingFor())));
        Map<String, OrganisationDocument> names = organisations.byId(named);
        Map<String, String> organisationNames = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        names.forEach((id, organisation) -> organisationNames.put(id, organisation.name()));
        long position = body.position();
        for (Correction correction : body.corrections()) {
            position = Math.max(position, correction.globalPosition());
        }
        Map<StakeholderGroup, List<MemberView>> byGroup = new EnumMap<>(StakeholderGroup.class);
        for (BodyDocument.Member member : body.members()) {
            List<Correction> ofMember = corrections.getOrDefault(member.organisationId(), List.of()).stream()
                    .filter(k -> asOf == null || !k.recordedAt().isAfter(asOf)).toList();
            for (Correction correction : ofMember) {
                position = Math.max(position, correction.globalPosition());
            }
            byGroup.computeIfAbsent(member.stakeholderGroup(), group -> new ArrayList<>()).add(new MemberView(
                    member.organisationId(), nameOf(names, member.organisationId()), member.stakeholderGroup(),
                    member.path(), member.requestedBy(), member.admittedBy(), member.admittedAt(),
                    body.coChairs().contains(member.organisationId()), ofMember));
        }
        List<Organisation> coChairs = body.coChairs().stream().map(coChair -> organisation(names, coChair)).toList();
        List<MembershipRequest> requests = body.requests().stream().map(pending -> new MembershipRequest(
                pending.organisationId(), nameOf(names, pending.organisationId()), pending.stakeholderGroup(),
                pending.requestedBy(), pending.requestedAt())).toList();
        List<ProposalSummary> decisions = body.proposals().stream().filter(p -> p.outcome() != null).toList();
        return new BodyView(body.id(), body.name(), body.kind(), body.parentBodyId(), body.mandate(),
                            body.establishedAt(), byGroup, coChairs, requests, composition(body), body.meetings(),
                            decisions, body.proposals(),
                            body.maxCallDays() == null ? ConsensusCallLimitSet.DEFAULT_DAYS : body.maxCallDays(),
                            body.corrections(), organisationNames, position, body.timeZone(), plenary(body),
                            workingGroups(body, asOf));
    }

    private BodyRef plenary(BodyDocument body) {
        if (body.parentBodyId() == null) {
            return null;
        }
        return bodies.find(body.parentBodyId()).map(parent -> new BodyRef(parent.id(), parent.name(), parent.kind()))
                     .orElse(null);
    }

    /** The working groups under this body (those established by {@code asOf}, if given), by name. */
    private List<BodyRef> workingGroups(BodyDocument body, Instant asOf) {
        return bodies.under(body.id()).stream()
                     .filter(group -> asOf == null || !group.establishedAt().isAfter(asOf))
                     .map(group -> new BodyRef(group.id(), group.name(), group.kind()))
                     .sorted(Comparator.comparing(BodyRef::name))
                     .toList();
    }

    /** Rule 5's indicators ({@link org.consensusledger.dossier.Composition}, shared with the dossiers and the verifier). */
    static Composition composition(BodyDocument body) {
        Map<String, StakeholderGroup> groups = new HashMap<>();
        Map<StakeholderGroup, Integer> counts = new EnumMap<>(StakeholderGroup.class);
        for (BodyDocument.Member member : body.members()) {
            groups.put(member.organisationId(), member.stakeholderGroup());
            counts.merge(member.stakeholderGroup(), 1, Integer::sum);
        }
        org.consensusledger.dossier.Composition rule = org.consensusledger.dossier.Composition.of(
                body.kind(), groups, body.coChairs());
        return new Composition(rule.applies(), rule.coFacilitatedByGovernment(), rule.coFacilitatedByNonGovernmental(),
                               rule.includesPrivateSector(), rule.met(), counts);
    }

    private static Organisation organisation(Map<String, OrganisationDocument> names, String id) {
        OrganisationDocument found = names.get(id);
        return new Organisation(id, found == null ? null : found.name(),
                                found == null ? null : found.stakeholderGroup());
    }

    private static String nameOf(Map<String, OrganisationDocument> names, String id) {
        OrganisationDocument found = names.get(id);
        return found == null ? null : found.name();
    }
}
