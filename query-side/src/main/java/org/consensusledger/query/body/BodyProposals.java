package org.consensusledger.query.body;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/** The proposals of every body as the bodies' pages list them ({@code public_body_proposals}). */
@Component
class BodyProposals {


    private final ReadModel<BodyProposalDocument> model;

    BodyProposals(LedgerDatabase database) {
        this.model = new ReadModel<>(database.collection(LedgerCollection.PUBLIC_BODY_PROPOSALS, BodyProposalDocument.class));
        model.collection().createIndex(Indexes.ascending("bodyId", "submittedPosition"));
    }

    ReadModel<BodyProposalDocument> model() {
        return model;
    }

    /** A body's proposals in the order they were submitted. */
    List<BodyProposalDocument> of(String bodyId) {
        return model.collection().find(Filters.eq("bodyId", bodyId)).sort(Sorts.ascending("submittedPosition"))
                    .into(new ArrayList<>());
    }
}
