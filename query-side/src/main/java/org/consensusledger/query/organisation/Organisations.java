package org.consensusledger.query.organisation;

import com.mongodb.client.model.Filters;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** The organisations read model ({@code public_organisations}), for every page that names organisations. */
@Component
public class Organisations {

    static final String COLLECTION = "public_organisations";

    private final ReadModel<OrganisationDocument> model;

    Organisations(LedgerDatabase database) {
        this.model = new ReadModel<>(database.get().getCollection(COLLECTION, OrganisationDocument.class));
    }

    ReadModel<OrganisationDocument> model() {
        return model;
    }

    /** The named organisations by id, in one {@code $in} lookup on {@code _id}. */
    public Map<String, OrganisationDocument> byId(Collection<String> ids) {
        Map<String, OrganisationDocument> found = new HashMap<>();
        if (!ids.isEmpty()) {
            model.collection().find(Filters.in("_id", ids)).forEach(document -> found.put(document.id(), document));
        }
        return found;
    }
}
