package org.consensusledger.query.site;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.query.body.BodyViews;
import org.consensusledger.query.body.BodyViews.Membership;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.organisation.OrganisationDocument;
import org.consensusledger.query.organisation.Organisations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An organisation's page ({@code /organisations/{id}}): who it is, the bodies it sits in and how it was admitted to
 * each, and everything it put on the record — its proposals, its objections and how each was handled, its support,
 * stand-asides and concerns — each with a link to the dossier it belongs to.
 */
@Component
class OrganisationPages {

    private final Organisations organisations;
    private final BodyViews bodies;
    private final Dossiers dossiers;

    OrganisationPages(Organisations organisations, BodyViews bodies, Dossiers dossiers) {
        this.organisations = organisations;
        this.bodies = bodies;
        this.dossiers = dossiers;
    }

    /**
     * What the page shows: the organisation, its memberships, the proposals it made, its objections and its other
     * contributions (each with the dossier's id and title), the names of every organisation mentioned, the bodies'
     * names, and the corrections of its record.
     */
    record Profile(OrganisationDocument organisation, List<Membership> memberships, List<DossierDocument> proposals,
                   List<ObjectionOn> objections, List<ContributionOn> contributions, Map<String, String> names,
                   Map<String, String> bodyNames, List<Correction> corrections) {
    }

    /** An objection of the organisation, on the proposal it was raised on. */
    record ObjectionOn(String proposalId, String title, DossierDocument.Objection objection) {
    }

    /** Support, a stand-aside or a concern of the organisation, on the proposal it was given on. */
    record ContributionOn(String proposalId, String title, DossierDocument.Contribution contribution) {
    }

    /** The names of these organisations, by id (those the ledger knows). */
    Map<String, String> names(Collection<String> ids) {
        Map<String, String> names = new HashMap<>();
        organisations.byId(ids).forEach((id, found) -> names.put(id, found.name()));
        return names;
    }

    /** The organisation's page; empty if the ledger knows no such organisation. */
    Optional<Profile> of(String organisationId) {
        OrganisationDocument organisation = organisations.byId(Set.of(organisationId)).get(organisationId);
        if (organisation == null) {
            return Optional.empty();
        }
        List<Membership> memberships = bodies.memberships(organisationId);
        List<DossierDocument> proposals = new ArrayList<>();
        List<ObjectionOn> objections = new ArrayList<>();
        List<ContributionOn> contributions = new ArrayList<>();
        Set<String> named = new HashSet<>();
        Set<String> bodyIds = new HashSet<>();
        for (DossierDocument dossier : dossiers.involving(organisationId)) {
            bodyIds.add(dossier.bodyId());
            if (organisationId.equals(dossier.proposedBy())) {
                proposals.add(dossier);
            }
            dossier.objections().stream().filter(o -> organisationId.equals(o.organisationId())).forEach(o -> {
                objections.add(new ObjectionOn(dossier.id(), dossier.title(), o));
                named.add(o.addressedBy());
            });
            dossier.contributions().stream().filter(c -> organisationId.equals(c.organisationId()))
                   .forEach(c -> contributions.add(new ContributionOn(dossier.id(), dossier.title(), c)));
        }
        objections.sort(Comparator.comparing((ObjectionOn o) -> o.objection().raisedAt()).reversed());
        contributions.sort(Comparator.comparing((ContributionOn c) -> c.contribution().recordedAt()).reversed());
        List<Correction> corrections = organisations.corrections(List.of(organisationId))
                                                    .getOrDefault(organisationId, List.of());
        named.add(organisationId);
        memberships.forEach(membership -> {
            if (membership.member() != null) {
                named.add(membership.member().requestedBy());
                named.add(membership.member().admittedBy());
            }
            if (membership.request() != null) {
                named.add(membership.request().requestedBy());
            }
        });
        corrections.forEach(correction -> named.add(correction.actingFor()));
        named.remove(null);
        Map<String, String> names = names(named);
        Map<String, String> bodyNames = new HashMap<>();
        bodyIds.forEach(id -> bodyNames.put(id, bodies.name(id).orElse(id)));
        return Optional.of(new Profile(organisation, memberships, proposals, objections, contributions, names,
                                       bodyNames, corrections));
    }
}
