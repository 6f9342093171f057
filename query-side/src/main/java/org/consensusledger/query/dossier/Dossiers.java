package org.consensusledger.query.dossier;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** The dossiers read model ({@code public_proposals}). */
@Component
public class Dossiers {

    static final String COLLECTION = "public_proposals";

    private final ReadModel<DossierDocument> model;

    Dossiers(LedgerDatabase database) {
        this.model = new ReadModel<>(database.get().getCollection(COLLECTION, DossierDocument.class));
        // The list's order, and its most common filter (a real MongoDB uses them; the embedded server scans).
        model.collection().createIndex(Indexes.descending("position"), new IndexOptions().name("recently_changed"));
        model.collection().createIndex(Indexes.compoundIndex(Indexes.ascending("bodyId"),
                                                             Indexes.descending("position")),
                                       new IndexOptions().name("body_recently_changed"));
    }

    ReadModel<DossierDocument> model() {
        return model;
    }

    /** The dossiers of one body. */
    public List<DossierDocument> ofBody(String bodyId) {
        return model.collection().find(Filters.eq("bodyId", bodyId)).into(new ArrayList<>());
    }
}
