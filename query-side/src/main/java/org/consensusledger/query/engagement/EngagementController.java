package org.consensusledger.query.engagement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.Bodies;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How the voices of a body were balanced: per stakeholder group, its share of the membership against its share of
 * the contributions, how its objections were handled, and how long they waited. Dispositions that rejected an
 * objection with very short reasons are flagged: the roundtable asked that engagement not be a tick-box exercise.
 */
@RestController
@RequestMapping("/api/public/engagement")
@Tag(name = "Engagement", description = "Stakeholder groups' share of membership against their share of contributions")
class EngagementController {

    /** Reasons shorter than this (in characters) on a NOT_ACCOMMODATED disposition are flagged. */
    static final int SHORT_REASONS = 40;

    private final Bodies bodies;
    private final Dossiers dossiers;

    EngagementController(Bodies bodies, Dossiers dossiers) {
        this.bodies = bodies;
        this.dossiers = dossiers;
    }

    record Group(StakeholderGroup stakeholderGroup, int members, double membershipShare, int proposals, int support,
                 int concerns, int objections, int contributions, double contributionShare,
                 int objectionsAccommodated, int objectionsNotAccommodated, Duration medianTimeToDisposition) {
    }

    record ShortReasons(String proposalId, String objectionId, String organisationId, String reasons) {
    }

    record Engagement(String bodyId, List<Group> groups, Duration medianTimeToDisposition, int shortReasonsThreshold,
                      List<ShortReasons> shortReasons) {
    }

    @GetMapping
    @Operation(summary = "Per stakeholder group: share of membership vs share of contributions, objections "
            + "accommodated or not, median time to disposition; dispositions with short reasons flagged")
    Engagement engagement(@RequestParam String body) {
        BodyDocument found = bodies.find(body).orElseThrow(() -> new ProblemHandler.NotFound("body", body));
        Map<String, StakeholderGroup> groupOf = new HashMap<>();
        Map<StakeholderGroup, Counts> counts = new EnumMap<>(StakeholderGroup.class);
        for (BodyDocument.Member member : found.members()) {
            groupOf.put(member.organisationId(), member.stakeholderGroup());
            counts.computeIfAbsent(member.stakeholderGroup(), group -> new Counts()).members++;
        }
        List<Duration> allWaits = new ArrayList<>();
        List<ShortReasons> shortReasons = new ArrayList<>();
        for (DossierDocument dossier : dossiers.ofBody(body)) {
            StakeholderGroup proposer = groupOf.get(dossier.proposedBy());
            if (proposer != null) {
                counts.computeIfAbsent(proposer, group -> new Counts()).proposals++;
            }
            for (DossierDocument.Contribution contribution : dossier.contributions()) {
                Counts group = counts.computeIfAbsent(contribution.stakeholderGroup(), g -> new Counts());
                switch (contribution.kind()) {
                    case "SUPPORT" -> group.support++;
                    case "CONCERN" -> group.concerns++;
                    default -> { }
                }
            }
            for (DossierDocument.Objection objection : dossier.objections()) {
                Counts group = counts.computeIfAbsent(objection.stakeholderGroup(), g -> new Counts());
                group.objections++;
                if (objection.disposition() == Disposition.ACCOMMODATED) {
                    group.accommodated++;
                } else if (objection.disposition() == Disposition.NOT_ACCOMMODATED) {
                    group.notAccommodated++;
                    if (objection.reasons() == null || objection.reasons().strip().length() < SHORT_REASONS) {
                        shortReasons.add(new ShortReasons(dossier.id(), objection.objectionId(),
                                                          objection.organisationId(), objection.reasons()));
                    }
                }
                if (objection.addressedAt() != null) {
                    Duration wait = Duration.between(objection.raisedAt(), objection.addressedAt());
                    group.waits.add(wait);
                    allWaits.add(wait);
                }
            }
        }
        int members = counts.values().stream().mapToInt(c -> c.members).sum();
        int contributions = counts.values().stream().mapToInt(Counts::contributions).sum();
        List<Group> groups = new ArrayList<>();
        counts.forEach((group, c) -> groups.add(new Group(
                group, c.members, share(c.members, members), c.proposals, c.support, c.concerns, c.objections,
                c.contributions(), share(c.contributions(), contributions), c.accommodated, c.notAccommodated,
                median(c.waits))));
        return new Engagement(body, groups, median(allWaits), SHORT_REASONS, shortReasons);
    }

    private static double share(int part, int whole) {
        return whole == 0 ? 0 : Math.round(1000.0 * part / whole) / 1000.0;
    }

    private static Duration median(List<Duration> waits) {
        if (waits.isEmpty()) {
            return null;
        }
        List<Duration> sorted = waits.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                                      : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }

    private static final class Counts {
        int members;
        int proposals;
        int support;
        int concerns;
        int objections;
        int accommodated;
        int notAccommodated;
        final List<Duration> waits = new ArrayList<>();

        int contributions() {
            return proposals + support + concerns + objections;
        }
    }
}
