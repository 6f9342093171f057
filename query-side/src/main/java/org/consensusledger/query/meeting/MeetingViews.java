package org.consensusledger.query.meeting;

import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.organisation.OrganisationDocument;
import org.consensusledger.query.organisation.Organisations;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Meetings' minutes as the public sees them, for the JSON API and the public site alike: following the agenda, with
 * organisations and proposals named, and beside each step the corrections of it that its proposal's dossier holds.
 */
@Component
public class MeetingViews {

    private final MeetingProjection projection;
    private final Organisations organisations;
    private final Dossiers dossiers;

    MeetingViews(MeetingProjection projection, Organisations organisations, Dossiers dossiers) {
        this.projection = projection;
        this.organisations = organisations;
        this.dossiers = dossiers;
    }

    /**
     * The minutes: the meeting; its steps by agenda item ({@code sections}, in the agenda's order, then what was done
     * on proposals not on it); the names of the organisations and the titles of the proposals they mention; and the
     * corrections of each step, by the step's global position ({@code stepCorrections}).
     */
    public record Minutes(MeetingDocument meeting, List<Section> sections, Map<String, String> organisationNames,
                          Map<String, String> proposalTitles, Map<Long, List<Correction>> stepCorrections) {
    }

    /**
     * One item of the agenda and what was done on it ({@code onAgenda} false: the steps on proposals that were not on
     * the agenda; {@code proposalId} is then null).
     */
    public record Section(String proposalId, boolean onAgenda, List<MeetingDocument.Item> steps) {
    }

    public Optional<MeetingDocument> find(String id) {
        return projection.meetings().find(id);
    }

    /**
     * The position the minutes reflect: the meeting's, or a later one of a proposal taken up in it (a correction of a
     * step the minutes show); empty if the meeting is unknown.
     */
    public OptionalLong positionOf(String id) {
        return find(id).map(meeting -> OptionalLong.of(positionOf(meeting))).orElse(OptionalLong.empty());
    }

    /** The position the minutes of this meeting reflect (see {@link #positionOf(String)}). */
    public long positionOf(MeetingDocument meeting) {
        long position = meeting.position();
        for (String proposalId : proposalsOf(meeting)) {
            position = Math.max(position, dossiers.positionOf(proposalId).orElse(-1));
        }
        return position;
    }

    public Minutes minutes(MeetingDocument meeting) {
        Map<String, DossierDocument> taken = dossiers.findAll(proposalsOf(meeting));
        Map<String, String> titles = new TreeMap<>();
        taken.forEach((id, dossier) -> titles.put(id, dossier.title()));
        Map<Long, List<Correction>> corrections = new TreeMap<>();
        Set<String> named = new HashSet<>();
        for (MeetingDocument.Item item : meeting.items()) {
            named.add(item.organisationId());
            named.add(item.actingFor());
            DossierDocument dossier = taken.get(item.proposalId());
            if (dossier != null) {
                List<Correction> ofStep = dossier.corrections().stream()
                                                 .filter(k -> k.correctedSequenceNumber() == item.sequenceNumber())
                                                 .toList();
                if (!ofStep.isEmpty()) {
                    corrections.put(item.globalPosition(), ofStep);
                    ofStep.forEach(k -> named.add(k.actingFor()));
                }
            }
        }
        meeting.attendance().forEach(attendance -> {
            named.add(attendance.organisationId());
            named.add(attendance.actingFor());
            attendance.changes().forEach(change -> named.add(change.actingFor()));
        });
        meeting.corrections().forEach(correction -> named.add(correction.actingFor()));
        named.add(meeting.openedBy());
        named.add(meeting.closedBy());
        Stream.of(meeting.opening(), meeting.closing()).filter(Objects::nonNull)
              .forEach(entered -> named.add(entered.actingFor()));
        named.remove(null);
        // Looked up by ids that may be null (an act of the secretariat names no organisation).
        Map<String, String> names = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        for (Map.Entry<String, OrganisationDocument> found : organisations.byId(named).entrySet()) {
            names.put(found.getKey(), found.getValue().name());
        }
        return new Minutes(meeting, sections(meeting), names, titles, corrections);
    }

    /** The steps by agenda item, in the agenda's order; then those on proposals not on the agenda, in log order. */
    static List<Section> sections(MeetingDocument meeting) {
        Map<String, List<MeetingDocument.Item>> byProposal = new LinkedHashMap<>();
        meeting.agenda().forEach(proposalId -> byProposal.put(proposalId, new ArrayList<>()));
        List<MeetingDocument.Item> elsewhere = new ArrayList<>();
        for (MeetingDocument.Item item : meeting.items()) {
            List<MeetingDocument.Item> section = byProposal.get(item.proposalId());
            (section == null ? elsewhere : section).add(item);
        }
        List<Section> sections = new ArrayList<>();
        byProposal.forEach((proposalId, steps) -> sections.add(new Section(proposalId, true, steps)));
        if (!elsewhere.isEmpty()) {
            sections.add(new Section(null, false, elsewhere));
        }
        return sections;
    }

    private static Set<String> proposalsOf(MeetingDocument meeting) {
        Set<String> proposals = new LinkedHashSet<>(meeting.agenda());
        meeting.items().forEach(item -> proposals.add(item.proposalId()));
        proposals.remove(null);
        return proposals;
    }
}
