package org.consensusledger.query.organisation;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.events.StakeholderGroup;

import java.util.ArrayList;
import java.util.List;

/** An organisation as the public sees it, with the corrections of its record. */
public record OrganisationDocument(@BsonId String id, String name, StakeholderGroup stakeholderGroup, String country,
                                   long position, List<Correction> corrections)
        implements Positioned<OrganisationDocument> {

    /** Documents stored before this field existed read it as empty (replay to fill it). */
    public OrganisationDocument {
        corrections = corrections == null ? List.of() : corrections;
    }


    @Override
    public OrganisationDocument at(long newPosition) {
        return new OrganisationDocument(id, name, stakeholderGroup, country, newPosition, corrections);
    }

    OrganisationDocument corrected(Correction correction) {
        List<Correction> all = new ArrayList<>(corrections);
        all.add(correction);
        return new OrganisationDocument(id, name, stakeholderGroup, country, position, all);
    }
}
