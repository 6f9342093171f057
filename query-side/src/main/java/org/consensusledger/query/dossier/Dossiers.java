package org.consensusledger.query.dossier;

import com.mongodb.client.model.Filters;
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
    }

    ReadModel<DossierDocument> model() {
        return model;
    }

    /** The dossiers of one body (a scan on the embedded server, an index on a real MongoDB would serve it). */
    public List<DossierDocument> ofBody(String bodyId) {
        return model.collection().find(Filters.eq("bodyId", bodyId)).into(new ArrayList<>());
    }
}
