package org.consensusledger.query.organisation;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.query.projection.ReadModel;

/** An organisation as the public sees it. */
public record OrganisationDocument(@BsonId String id, String name, StakeholderGroup stakeholderGroup, String country,
                                   long position) implements ReadModel.Positioned<OrganisationDocument> {

    @Override
    public OrganisationDocument at(long newPosition) {
        return new OrganisationDocument(id, name, stakeholderGroup, country, newPosition);
    }
}
