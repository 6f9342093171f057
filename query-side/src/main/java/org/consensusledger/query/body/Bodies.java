package org.consensusledger.query.body;

import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** The bodies read model ({@code public_bodies}). */
@Component
public class Bodies {


    private final ReadModel<BodyDocument> model;

    Bodies(LedgerDatabase database) {
        this.model = new ReadModel<>(database.collection(LedgerCollection.PUBLIC_BODIES, BodyDocument.class));
    }

    ReadModel<BodyDocument> model() {
        return model;
    }

    public Optional<BodyDocument> find(String bodyId) {
        return model.find(bodyId);
    }
}
