package org.consensusledger.query.dossier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.bson.conversions.Bson;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
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
     * The proposals decided last (by the position of their last event), most recent first: of one body, or of all
     * when {@code bodyId} is null.
     */
    public List<DossierDocument> latestDecided(String bodyId, int limit) {
        Bson decided = Filters.eq("status", ProposalStatus.DECIDED.name());
        return model.collection().find(bodyId == null ? decided : Filters.and(Filters.eq("bodyId", bodyId), decided))
                    .sort(Sorts.descending("position")).limit(limit).into(new ArrayList<>());
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

    /** The dossiers of one body. */
    public List<DossierDocument> ofBody(String bodyId) {
        return model.collection().find(Filters.eq("bodyId", bodyId)).into(new ArrayList<>());
    }
}
