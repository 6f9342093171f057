package org.consensusledger.query.organisation;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.eventlog.Positioned;
import org.consensusledger.events.StakeholderGroup;

/** An organisation as the public sees it. */
public record OrganisationDocument(@BsonId String id, String name, StakeholderGroup stakeholderGroup, String country,
                                   long position) implements Positioned<OrganisationDocument> {

    @Override
    public OrganisationDocument at(long newPosition) {
        return new OrganisationDocument(id, name, stakeholderGroup, country, newPosition);
    }
}
