package org.consensusledger.query.body;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.query.body.BodyDocument.MeetingSummary;
import org.consensusledger.query.body.BodyDocument.ProposalSummary;
import org.consensusledger.query.organisation.OrganisationDocument;
import org.consensusledger.query.organisation.Organisations;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.query.web.PublicResponses;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Bodies for the public: who sits in them by stakeholder group, who co-chairs, whether the composition the terms of
 * reference ask for is there, and what was decided. No account needed.
 */
@RestController
@RequestMapping("/api/public/bodies")
@Tag(name = "Bodies", description = "Members and co-chairs by stakeholder group, composition, meetings, decisions")
class BodyController {

    private final Bodies bodies;
    private final BodyProposals proposals;
    private final BodyHistory history;
    private final Organisations organisations;

    BodyController(Bodies bodies, BodyProposals proposals, BodyHistory history, Organisations organisations) {
        this.bodies = bodies;
        this.proposals = proposals;
        this.history = history;
        this.organisations = organisations;
    }

    record Organisation(String organisationId, String name, StakeholderGroup stakeholderGroup) {
    }

    record MemberView(String organisationId, String name, StakeholderGroup stakeholderGroup, AdmissionPath admission,
                      String requestedBy, String admittedBy, Instant admittedAt, boolean coChair) {
    }

    /**
     * Rule 5 of the terms of reference, shown, never enforced: a working group should be co-facilitated by at least
     * one government and one non-governmental organisation, and include at least one private-sector organisation.
     */
    record Composition(boolean applies, boolean coFacilitatedByGovernment, boolean coFacilitatedByNonGovernmental,
                       boolean includesPrivateSector, boolean met, Map<StakeholderGroup, Integer> membersByGroup) {
    }

    record BodySummary(String bodyId, String name, BodyKind kind, String parentBodyId, int members, int coChairs,
                       Composition composition) {
    }

    record BodyView(String bodyId, String name, BodyKind kind, String parentBodyId, String mandate,
                    Instant establishedAt, Map<StakeholderGroup, List<MemberView>> membersByGroup,
                    List<Organisation> coChairs, List<Organisation> membershipRequests, Composition composition,
                    List<MeetingSummary> meetings, List<ProposalSummary> decisions, List<ProposalSummary> proposals,
                    long asOfPosition) {
    }

    @GetMapping
    @Operation(summary = "All bodies, with their size and composition; with `asOf`, as the ledger held them then "
            + "(by recordedAt), rebuilt from the events")
    List<BodySummary> list(@Parameter(description = "an ISO-8601 instant: the bodies as the ledger held them then")
                           @RequestParam(required = false) Instant asOf) {
        List<BodySummary> summaries = new ArrayList<>();
        for (BodyDocument now : bodies.model().collection().find()) {
            Optional<BodyDocument> body = asOf == null ? Optional.of(now) : history.asOf(now.id(), asOf);
            body.ifPresent(then -> summaries.add(new BodySummary(
                    then.id(), then.name(), then.kind(), then.parentBodyId(), then.members().size(),
                    then.coChairs().size(), composition(then))));
        }
        return summaries;
    }

    @GetMapping("/{id}")
    @Operation(summary = "One body: members and co-chairs by stakeholder group, composition, meetings, decisions; "
            + "with `asOf`, as the ledger held it then (by recordedAt), rebuilt from the events")
    ResponseEntity<BodyView> body(@PathVariable String id,
                                  @Parameter(description = "an ISO-8601 instant: the body as the ledger held it then")
                                  @RequestParam(required = false) Instant asOf, WebRequest request) {
        BodyDocument body = (asOf == null ? bodies.find(id).map(this::withProposals) : history.asOf(id, asOf))
                .orElseThrow(() -> new ProblemHandler.NotFound("body", asOf == null ? id : id + " as of " + asOf));
        return PublicResponses.cached(request, body.position(), () -> view(body));
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

    private BodyView view(BodyDocument body) {
        Set<String> named = new HashSet<>(body.coChairs());
        body.members().forEach(member -> named.add(member.organisationId()));
        body.requests().forEach(pending -> named.add(pending.organisationId()));
        Map<String, OrganisationDocument> names = organisations.byId(named);
        Map<StakeholderGroup, List<MemberView>> byGroup = new EnumMap<>(StakeholderGroup.class);
        for (BodyDocument.Member member : body.members()) {
            byGroup.computeIfAbsent(member.stakeholderGroup(), group -> new ArrayList<>()).add(new MemberView(
                    member.organisationId(), nameOf(names, member.organisationId()), member.stakeholderGroup(),
                    member.path(), member.requestedBy(), member.admittedBy(), member.admittedAt(),
                    body.coChairs().contains(member.organisationId())));
        }
        List<Organisation> coChairs = body.coChairs().stream().map(coChair -> organisation(names, coChair)).toList();
        List<Organisation> requests = body.requests().stream()
                                          .map(pending -> organisation(names, pending.organisationId())).toList();
        List<ProposalSummary> decisions = body.proposals().stream().filter(p -> p.outcome() != null).toList();
        return new BodyView(body.id(), body.name(), body.kind(), body.parentBodyId(), body.mandate(),
                            body.establishedAt(), byGroup, coChairs, requests, composition(body), body.meetings(),
                            decisions, body.proposals(), body.position());
    }

    static Composition composition(BodyDocument body) {
        Map<String, StakeholderGroup> groups = new HashMap<>();
        Map<StakeholderGroup, Integer> counts = new EnumMap<>(StakeholderGroup.class);
        for (BodyDocument.Member member : body.members()) {
            groups.put(member.organisationId(), member.stakeholderGroup());
            counts.merge(member.stakeholderGroup(), 1, Integer::sum);
        }
        boolean government = body.coChairs().stream().anyMatch(c -> groups.get(c) == StakeholderGroup.GOVERNMENT);
        boolean nonGovernmental = body.coChairs().stream().map(groups::get)
                                      .anyMatch(group -> group != null && group != StakeholderGroup.GOVERNMENT);
        boolean privateSector = counts.containsKey(StakeholderGroup.PRIVATE_SECTOR);
        boolean applies = body.kind() == BodyKind.WORKING_GROUP;
        return new Composition(applies, government, nonGovernmental, privateSector,
                               !applies || government && nonGovernmental && privateSector, counts);
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
