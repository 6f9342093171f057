package org.consensusledger.query.opendata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Contribution;
import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.dossier.DossierDocument.Outcome;
import org.consensusledger.dossier.DossierDocument.Version;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.StakeholderGroup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The public record in the Popolo data specification's terms (organizations, memberships, events, motions and vote
 * events; docs/open-data.md gives the mapping, and what Popolo has no place for). Every property Popolo defines is
 * used as it defines it; what the ledger holds beyond that is in properties of its own (Popolo's schemas allow
 * more), named in the mapping.
 */
final class Popolo {

    static final String SUPPORT = "support";
    static final String STAND_ASIDE = "stand_aside";
    static final String CONCERN = "concern";
    static final String OBJECTION = "objection";
    private static final List<String> OPTIONS = List.of(SUPPORT, STAND_ASIDE, CONCERN, OBJECTION);

    private final ObjectMapper json;
    private final String base;

    Popolo(ObjectMapper json, String base) {
        this.json = json;
        this.base = base;
    }

    ObjectNode document(Snapshot snapshot) {
        ObjectNode root = json.createObjectNode();
        root.set("checkpoint", stamp(snapshot.stamp()));
        ArrayNode organizations = root.putArray("organizations");
        snapshot.bodies().forEach(body -> organizations.add(body(body)));
        snapshot.organisations().forEach(organisation -> organizations.add(organisation(organisation)));
        ArrayNode memberships = root.putArray("memberships");
        Map<String, Integer> terms = new LinkedHashMap<>();
        for (Snapshot.Membership m : snapshot.memberships()) {
            String key = m.bodyId() + "/" + m.organisationId() + "/" + m.role();
            memberships.add(membership(m, terms.merge(key, 1, Integer::sum)));
        }
        ArrayNode events = root.putArray("events");
        snapshot.meetings().forEach(meeting -> events.add(event(meeting)));
        ArrayNode motions = root.putArray("motions");
        ArrayNode voteEvents = root.putArray("vote_events");
        for (DossierDocument dossier : snapshot.dossiers()) {
            Snapshot.Withdrawal withdrawal = snapshot.withdrawals().stream()
                                                     .filter(w -> w.proposalId().equals(dossier.id()))
                                                     .reduce((first, last) -> last).orElse(null);
            for (Version version : dossier.versions()) {
                motions.add(motion(dossier, version, withdrawal));
                voteEventsOf(dossier, version).forEach(voteEvents::add);
            }
        }
        return root;
    }

    ObjectNode stamp(Snapshot.Stamp stamp) {
        ObjectNode node = json.createObjectNode();
        node.put("tree_size", stamp.treeSize());
        node.put("log_position", stamp.logPosition());
        node.put("origin", stamp.origin());
        node.put("root_hash", stamp.rootHash());
        node.put("signed_at", stamp.signedAt().toString());
        node.put("signed_note", stamp.signedNote());
        node.put("consistency_proof", base + "/api/audit/proof/consistency?from=" + stamp.treeSize());
        return node;
    }

    private ObjectNode body(Snapshot.Body body) {
        ObjectNode node = json.createObjectNode();
        node.put("id", body.id());
        node.put("name", body.name());
        node.put("classification", Datasets.cell(body.kind()));
        putIfPresent(node, "parent_id", body.parentBodyId());
        node.put("description", body.mandate());
        node.put("founding_date", body.establishedAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        node.put("created_at", body.establishedAt().toString());
        sources(node, "/bodies/" + body.id());
        return node;
    }

    private ObjectNode organisation(Snapshot.Organisation organisation) {
        ObjectNode node = json.createObjectNode();
        node.put("id", organisation.id());
        node.put("name", organisation.name());
        node.put("classification", Datasets.cell(organisation.stakeholderGroup()));
        putIfPresent(node, "area_id", organisation.country());
        node.put("created_at", organisation.registeredAt().toString());
        sources(node, "/organisations/" + organisation.id());
        return node;
    }

    private ObjectNode membership(Snapshot.Membership m, int term) {
        ObjectNode node = json.createObjectNode();
        node.put("id", m.bodyId() + "/" + m.organisationId() + "/" + m.role() + "/" + term);
        node.put("organization_id", m.bodyId());
        ObjectNode member = node.putObject("member");
        member.put("@type", "Organization");
        member.put("id", m.organisationId());
        node.put("role", m.role());
        node.put("start_date", seconds(m.startedAt()));
        if (m.endedAt() != null) {
            node.put("end_date", seconds(m.endedAt()));
        }
        putIfPresent(node, "stakeholder_group", Datasets.cell(m.stakeholderGroup()));
        putIfPresent(node, "admission", Datasets.cell(m.admission()));
        putIfPresent(node, "end_reason", m.endReason());
        return node;
    }

    private ObjectNode event(Snapshot.Meeting meeting) {
        ObjectNode node = json.createObjectNode();
        node.put("id", meeting.id());
        node.put("name", meeting.title());
        node.put("classification", "meeting");
        node.put("organization_id", meeting.bodyId());
        node.put("start_date", seconds(meeting.startsAt()));
        if (meeting.closedAt() != null) {
            node.put("end_date", seconds(meeting.closedAt()));
        }
        putIfPresent(node, "location", meeting.location());
        node.put("status", meeting.status());
        putIfPresent(node, "format", Datasets.cell(meeting.format()));
        if (meeting.openedAt() != null) {
            node.put("opened_at", meeting.openedAt().toString());
        }
        if (meeting.cancelledAt() != null) {
            node.put("cancelled_at", meeting.cancelledAt().toString());
        }
        putIfPresent(node, "cancellation_reason", meeting.cancelReason());
        putIfPresent(node, "sealing_checkpoint", meeting.sealingCheckpoint());
        sources(node, "/meetings/" + meeting.id());
        return node;
    }

    static String motionId(String proposalId, int version) {
        return proposalId + "/v" + version;
    }

    private ObjectNode motion(DossierDocument dossier, Version version, Snapshot.Withdrawal withdrawal) {
        ObjectNode node = json.createObjectNode();
        node.put("id", motionId(dossier.id(), version.version()));
        node.put("organization_id", dossier.bodyId());
        putIfPresent(node, "legislative_session_id", version.meetingId());
        putIfPresent(node, "creator_id", version.by());
        node.put("text", version.text());
        node.put("identifier", dossier.id());
        node.put("classification", "proposal_version");
        node.put("date", version.recordedAt().toString());
        node.put("requirement", "rough_consensus");
        Outcome last = null;
        for (Outcome outcome : dossier.outcomes()) {
            if (outcome.version() == version.version()) {
                last = outcome;
            }
        }
        if (last != null) {
            node.put("result", last.setAsideBy() == null ? Datasets.cell(last.outcome()) : "set_aside_on_appeal");
        } else if (withdrawal != null && version.version() == dossier.versions().size()) {
            node.put("result", "withdrawn");
        }
        node.put("title", dossier.title());
        node.put("version", version.version());
        putIfPresent(node, "summary", version.summary());
        putIfPresent(node, "text_sha256", version.textSha256());
        sources(node, "/proposals/" + dossier.id());
        return node;
    }

    /**
     * The vote events of one version: one per outcome declared on it (the positions recorded on the version before
     * the outcome), or, if none was, one of the positions recorded on it, without a result.
     */
    private List<ObjectNode> voteEventsOf(DossierDocument dossier, Version version) {
        List<ObjectNode> found = new ArrayList<>();
        int index = 0;
        for (Outcome outcome : dossier.outcomes()) {
            index++;
            if (outcome.version() == version.version()) {
                found.add(voteEvent(dossier, version, outcome, index));
            }
        }
        if (found.isEmpty() && (dossier.contributions().stream().anyMatch(c -> c.version() == version.version())
                || dossier.objections().stream().anyMatch(o -> o.version() == version.version()))) {
            found.add(voteEvent(dossier, version, null, 0));
        }
        return found;
    }

    private ObjectNode voteEvent(DossierDocument dossier, Version version, Outcome outcome, int index) {
        long before = outcome == null || outcome.recorded() == null ? Long.MAX_VALUE
                : outcome.recorded().globalPosition();
        ObjectNode node = json.createObjectNode();
        node.put("id", motionId(dossier.id(), version.version()) + (outcome == null ? "/positions"
                : "/outcome/" + index));
        node.put("organization_id", dossier.bodyId());
        node.put("motion_id", motionId(dossier.id(), version.version()));
        node.put("identifier", dossier.id());
        if (outcome == null) {
            node.put("classification", "positions");
        } else {
            node.put("classification", "consensus_call");
            putIfPresent(node, "legislative_session_id", outcome.meetingId());
            dossier.consensusCalls().stream().filter(call -> call.version() == version.version())
                   .filter(call -> call.recorded() == null || call.recorded().globalPosition() < before)
                   .reduce((first, last) -> last)
                   .ifPresent(call -> node.put("start_date", call.occurredAt().toString()));
            node.put("end_date", outcome.occurredAt().toString());
            node.put("result", Datasets.cell(outcome.outcome()));
            putIfPresent(node, "declared_by", outcome.declaredBy());
            putIfPresent(node, "rationale", outcome.rationale());
            putIfPresent(node, "set_aside_by_appeal", outcome.setAsideBy());
            ArrayNode dissent = node.putArray("dissent");
            for (Dissent d : outcome.dissent()) {
                ObjectNode entry = dissent.addObject();
                entry.put("objection_id", d.objectionId());
                entry.put("organization_id", d.organisationId());
                putIfPresent(entry, "grounds", d.grounds());
                putIfPresent(entry, "reasons", d.reasons());
            }
        }
        ArrayNode votes = json.createArrayNode();
        Map<StakeholderGroup, int[]> counted = new LinkedHashMap<>();
        for (Contribution c : dossier.contributions()) {
            if (c.version() == version.version() && position(c.recorded()) < before) {
                String option = c.kind().toLowerCase(java.util.Locale.ROOT);
                ObjectNode vote = vote(c.organisationId(), option, c.stakeholderGroup());
                putIfPresent(vote, "text", c.text());
                votes.add(vote);
                count(counted, c.stakeholderGroup(), option);
            }
        }
        for (Objection o : dossier.objections()) {
            if (o.version() == version.version() && position(o.recorded()) < before) {
                ObjectNode vote = vote(o.organisationId(), OBJECTION, o.stakeholderGroup());
                vote.put("objection_id", o.objectionId());
                putIfPresent(vote, "text", o.grounds());
                Datasets.Disposition inForce = Datasets.Disposition.inForce(o);
                putIfPresent(vote, "disposition", Datasets.cell(inForce.disposition()));
                putIfPresent(vote, "disposition_reasons", inForce.reasons());
                if (o.withdrawnAt() != null) {
                    vote.put("withdrawn_at", o.withdrawnAt().toString());
                }
                votes.add(vote);
                count(counted, o.stakeholderGroup(), OBJECTION);
            }
        }
        node.set("counts", outcome != null && !outcome.tallies().isEmpty() ? tallies(outcome.tallies())
                : counts(counted));
        node.set("votes", votes);
        sources(node, "/proposals/" + dossier.id());
        return node;
    }

    private ObjectNode vote(String organisationId, String option, StakeholderGroup group) {
        ObjectNode vote = json.createObjectNode();
        vote.put("voter_id", organisationId);
        vote.put("option", option);
        putIfPresent(vote, "group_id", Datasets.cell(group));
        return vote;
    }

    private static long position(DossierDocument.Recorded recorded) {
        return recorded == null ? -1 : recorded.globalPosition();
    }

    private static void count(Map<StakeholderGroup, int[]> counted, StakeholderGroup group, String option) {
        counted.computeIfAbsent(group, g -> new int[OPTIONS.size()])[OPTIONS.indexOf(option)]++;
    }

    /** Counts by option in all, then by option and stakeholder group, as recorded with the outcome. */
    private ArrayNode tallies(List<GroupTally> tallies) {
        Map<StakeholderGroup, int[]> counted = new LinkedHashMap<>();
        for (GroupTally tally : tallies) {
            counted.put(tally.stakeholderGroup(), new int[] {tally.support(), tally.standAsides(), tally.concerns(),
                                                             tally.objections()});
        }
        return counts(counted);
    }

    private ArrayNode counts(Map<StakeholderGroup, int[]> counted) {
        ArrayNode counts = json.createArrayNode();
        for (int option = 0; option < OPTIONS.size(); option++) {
            int total = 0;
            for (int[] values : counted.values()) {
                total += values[option];
            }
            counts.addObject().put("option", OPTIONS.get(option)).put("value", total);
        }
        counted.forEach((group, values) -> {
            for (int option = 0; option < OPTIONS.size(); option++) {
                counts.addObject().put("option", OPTIONS.get(option)).put("value", values[option])
                      .put("group_id", Datasets.cell(group));
            }
        });
        return counts;
    }

    private void sources(ObjectNode node, String path) {
        node.putArray("sources").addObject().put("url", base + path);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null && !value.isEmpty()) {
            node.put(name, value);
        }
    }

    /** An instant to the second, in the form Popolo's date patterns take (they allow no fractions). */
    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
