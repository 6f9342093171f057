package org.consensusledger.query.meeting;

import org.consensusledger.query.organisation.OrganisationDocument;
import org.consensusledger.query.organisation.Organisations;
import org.springframework.stereotype.Component;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** Meetings' minutes as the public sees them, for the JSON API and the public site alike, with organisations named. */
@Component
public class MeetingViews {

    private final MeetingProjection projection;
    private final Organisations organisations;

    MeetingViews(MeetingProjection projection, Organisations organisations) {
        this.projection = projection;
        this.organisations = organisations;
    }

    /** The minutes, and the names of the organisations they mention. */
    public record Minutes(MeetingDocument meeting, Map<String, String> organisationNames) {
    }

    public Optional<MeetingDocument> find(String id) {
        return projection.meetings().find(id);
    }

    /** The position a meeting's minutes reflect, read without the document; empty if unknown. */
    public OptionalLong positionOf(String id) {
        return projection.meetings().positionOf(id);
    }

    public Minutes minutes(MeetingDocument meeting) {
        Set<String> named = new HashSet<>();
        meeting.attendance().forEach(attendance -> named.add(attendance.organisationId()));
        meeting.items().forEach(item -> named.add(item.organisationId()));
        named.add(meeting.openedBy());
        named.add(meeting.closedBy());
        named.remove(null);
        Map<String, String> names = new TreeMap<>();
        for (Map.Entry<String, OrganisationDocument> found : organisations.byId(named).entrySet()) {
            names.put(found.getKey(), found.getValue().name());
        }
        return new Minutes(meeting, names);
    }
}
