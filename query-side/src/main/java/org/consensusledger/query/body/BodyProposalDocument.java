package org.consensusledger.query.body;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.query.body.BodyDocument.ProposalSummary;

/**
 * One proposal of a body as the body's page lists it ({@code public_body_proposals}), kept apart from the body's
 * own document so that a proposal's event rewrites this small document, not a body that lists thousands of
 * proposals. {@code submittedPosition} (the global position of its submission) orders a body's proposals.
 */
public record BodyProposalDocument(@BsonId String id, long position, String bodyId, long submittedPosition,
                                   ProposalSummary proposal) implements Positioned<BodyProposalDocument> {

    @Override
    public BodyProposalDocument at(long newPosition) {
        return new BodyProposalDocument(id, newPosition, bodyId, submittedPosition, proposal);
    }

    /** This document with the proposal's summary changed, or this same document when it did not change. */
    BodyProposalDocument with(ProposalSummary changed) {
        return changed == proposal ? this : new BodyProposalDocument(id, position, bodyId, submittedPosition, changed);
    }
}
