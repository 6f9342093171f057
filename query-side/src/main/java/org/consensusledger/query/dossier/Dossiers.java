package org.consensusledger.query.dossier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/** The dossiers read model ({@code public_proposals}). */
@Component
public class Dossiers {


    private final ReadModel<DossierDocument> model;

    Dossiers(LedgerDatabase database) {
        this.model = new ReadModel<>(database.collection(LedgerCollection.PUBLIC_PROPOSALS, DossierDocument.class));
        // The list's order, and its most common filter (a real MongoDB uses them; the embedded server scans).
        model.collection().createIndex(Indexes.descending("position"), new IndexOptions().name("recently_changed"));
        model.collection().createIndex(Indexes.compoundIndex(Indexes.ascending("bodyId"),
                                                             Indexes.descending("position")),
                                       new IndexOptions().name("body_recently_changed"));
    }

    ReadModel<DossierDocument> model() {
        return model;
    }

    /** The position a dossier reflects (its {@code ETag}), read without the document; empty if unknown. */
    public OptionalLong positionOf(String proposalId) {
        return model.positionOf(proposalId);
    }

    /**
     * The proposals decided last, the latest decision first (by when the ledger recorded the outcome in force, not by
     * their last event: a correction or a dismissed appeal recorded since does not make an old decision new): of one
     * body, or of all when {@code bodyId} is null. Only the outcomes' times are read of every decided dossier; the
     * dossiers listed are read whole.
     */
    public List<DossierDocument> latestDecided(String bodyId, int limit) {
        Bson decided = Filters.eq("status", ProposalStatus.DECIDED.name());
        Bson filter = bodyId == null ? decided : Filters.and(Filters.eq("bodyId", bodyId), decided);
        List<Decided> all = new ArrayList<>();
        for (Document found : model.collection().withDocumentClass(Document.class).find(filter)
                                   .projection(Projections.include("_id", "position", "outcomes.recordedAt"))) {
            List<Document> outcomes = found.getList("outcomes", Document.class, List.of());
            // Instants are stored as fixed-width UTC text, whose order is time order.
            Object at = outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1).get("recordedAt");
            all.add(new Decided(found.getString("_id"), at == null ? "" : at.toString(),
                                ((Number) found.get("position")).longValue()));
        }
        all.sort(Comparator.comparing(Decided::decidedAt).thenComparingLong(Decided::position).reversed());
        List<String> latest = all.stream().limit(limit).map(Decided::id).toList();
        Map<String, DossierDocument> dossiers = model.findAll(latest);
        return latest.stream().map(dossiers::get).filter(Objects::nonNull).toList();
    }

    /** A decided dossier as the latest decisions are ordered: when its outcome in force was recorded. */
    private record Decided(String id, String decidedAt, long position) {
    }

    /**
     * The proposals with an outcome on record (declared, not reached, deferred — also one set aside since) or
     * withdrawn, the latest changed first (by the position of their last event): of one body, or of all when
     * {@code bodyId} is null.
     */
    public List<DossierDocument> latestWithOutcomes(String bodyId, int limit) {
        Bson outcome = Filters.or(Filters.exists("outcomes.0"),
                                  Filters.eq("status", ProposalStatus.WITHDRAWN.name()));
        return model.collection().find(bodyId == null ? outcome : Filters.and(Filters.eq("bodyId", bodyId), outcome))
                    .sort(Sorts.descending("position")).limit(limit).into(new ArrayList<>());
    }

    /** The stored dossiers with these ids, by id. */
    public Map<String, DossierDocument> findAll(Collection<String> ids) {
        return model.findAll(ids);
    }

    /**
     * One page of the dossiers an organisation took part in (as proposer, objector, or with support, a stand-aside or
     * a concern), most recently changed first: skipped and limited by the database, never loaded whole.
     */
    public List<DossierDocument> involving(String organisationId, int skip, int limit) {
        return model.collection().find(involvement(organisationId))
                    .sort(Sorts.orderBy(Sorts.descending("position"), Sorts.ascending("_id")))
                    .skip(skip).limit(limit).into(new ArrayList<>());
    }

    /** How many dossiers an organisation took part in (counted by the database). */
    public long countInvolving(String organisationId) {
        return model.collection().countDocuments(involvement(organisationId));
    }

    private static Bson involvement(String organisationId) {
        return Filters.or(Filters.eq("proposedBy", organisationId),
                          Filters.eq("objections.organisationId", organisationId),
                          Filters.eq("contributions.organisationId", organisationId));
    }

    /** The dossiers of one body. */
    public List<DossierDocument> ofBody(String bodyId) {
        return model.collection().find(Filters.eq("bodyId", bodyId)).into(new ArrayList<>());
    }
}
