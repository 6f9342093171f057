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
     * contributions (each with the dossier's id and title) on one page of the proposals it took part in, the names
     * of every organisation mentioned, the bodies' names, and the corrections of its record; which page
     * ({@code page}, from 0, of {@code size}) and how many proposals it took part in ({@code total}).
     */
    record Profile(OrganisationDocument organisation, List<Membership> memberships, List<DossierDocument> proposals,
                   List<ObjectionOn> objections, List<ContributionOn> contributions, Map<String, String> names,
                   Map<String, String> bodyNames, List<Correction> corrections, int page, int size, long total,
                   int shown) {

        /** The number of the first proposal on this page, from 1. */
        public long first() {
            return (long) page * size + 1;
        }

        /** The number of the last proposal on this page. */
        public long last() {
            return (long) page * size + shown;
        }

        /** Whether a page follows this one. */
        public boolean hasNext() {
            return (long) (page + 1) * size < total;
        }

        /** Whether this page lies beyond the last one (it took part in some proposals, none of them here). */
        public boolean beyondTheEnd() {
            return shown == 0 && total > 0;
        }
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

    /**
     * One page of the organisation's page: its memberships whole (they are few), and what it did on one page of
     * {@code size} of the proposals it took part in, the most recently changed first, read from the database a page
     * at a time; empty if the ledger knows no such organisation.
     */
    Optional<Profile> of(String organisationId, int page, int size) {
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
        List<DossierDocument> involved = dossiers.involving(organisationId, page * size, size);
        long total = dossiers.countInvolving(organisationId);
        for (DossierDocument dossier : involved) {
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
                                       bodyNames, corrections, page, size, total, involved.size()));
    }
}
