package org.consensusledger.query.dossier;

import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

/** The dossiers read model ({@code public_proposals}). */
@Component
class Dossiers {

    static final String COLLECTION = "public_proposals";

    private final ReadModel<DossierDocument> model;

    Dossiers(LedgerDatabase database) {
        this.model = new ReadModel<>(database.get().getCollection(COLLECTION, DossierDocument.class));
    }

    ReadModel<DossierDocument> model() {
        return model;
    }
}
