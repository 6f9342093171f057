package org.consensusledger.query.body;

import com.mongodb.client.model.Filters;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
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

    /** The bodies this organisation is a member or co-chair of, or has asked to join. */
    List<BodyDocument> involving(String organisationId) {
        return model.collection().find(Filters.or(Filters.eq("members.organisationId", organisationId),
                                                  Filters.eq("coChairs", organisationId),
                                                  Filters.eq("requests.organisationId", organisationId)))
                    .into(new ArrayList<>());
    }

    /** The bodies established under this one (a plenary's working groups). */
    List<BodyDocument> under(String bodyId) {
        return model.collection().find(Filters.eq("parentBodyId", bodyId)).into(new ArrayList<>());
    }
}
