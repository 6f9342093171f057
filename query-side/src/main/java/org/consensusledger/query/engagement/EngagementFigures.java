package org.consensusledger.query.engagement;

import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.query.body.BodyDocument;
import org.consensusledger.query.body.Bodies;
import org.consensusledger.query.dossier.Dossiers;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How the voices of a body were balanced, for the JSON API and the public site alike: per stakeholder group, its
 * share of the membership against its share of the contributions, how its objections were handled, and how long
 * they waited. Dispositions that rejected an objection with very short reasons are flagged: the roundtable asked that
 * engagement not be a tick-box exercise.
 */
@Component
public class EngagementFigures {

    /** Reasons shorter than this (in characters) on a NOT_ACCOMMODATED disposition are flagged. */
    public static final int SHORT_REASONS = 40;

    private final Bodies bodies;
    private final Dossiers dossiers;

    EngagementFigures(Bodies bodies, Dossiers dossiers) {
        this.bodies = bodies;
        this.dossiers = dossiers;
    }

    public record Group(StakeholderGroup stakeholderGroup, int members, double membershipShare, int proposals,
                        int support, int standAsides, int concerns, int objections, int contributions,
                        double contributionShare,
                        int objectionsAccommodated, int objectionsNotAccommodated,
                        Duration medianTimeToDisposition) {
    }

    /** A disposition turned down with short reasons: on which proposal ({@code proposalTitle}), whose objection. */
    public record ShortReasons(String proposalId, String objectionId, String organisationId, String reasons,
                               String proposalTitle, String grounds) {
    }

    public record Engagement(String bodyId, List<Group> groups, Duration medianTimeToDisposition,
                             int shortReasonsThreshold, List<ShortReasons> shortReasons) {
    }

    /** The figures of one body, from its members and its proposals' dossiers as they stand; empty if unknown. */
    public Optional<Engagement> of(String body) {
        Optional<BodyDocument> known = bodies.find(body);
        if (known.isEmpty()) {
            return Optional.empty();
        }
        BodyDocument found = known.get();
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
                    case "STAND_ASIDE" -> group.standAsides++;
                    case "CONCERN" -> group.concerns++;
                    default -> { }
                }
            }
            for (DossierDocument.Objection objection : dossier.objections()) {
                Counts group = counts.computeIfAbsent(objection.stakeholderGroup(), g -> new Counts());
                group.objections++;
                // The disposition in force: the last one given on reconsideration after an appeal, if any.
                List<DossierDocument.Reconsideration> again = objection.reconsidered();
                Disposition disposition = again.isEmpty() ? objection.disposition()
                        : again.get(again.size() - 1).disposition();
                String reasons = again.isEmpty() ? objection.reasons() : again.get(again.size() - 1).reasons();
                if (disposition == Disposition.ACCOMMODATED) {
                    group.accommodated++;
                } else if (disposition == Disposition.NOT_ACCOMMODATED) {
                    group.notAccommodated++;
                    if (reasons == null || reasons.strip().length() < SHORT_REASONS) {
                        shortReasons.add(new ShortReasons(dossier.id(), objection.objectionId(),
                                                          objection.organisationId(), reasons, dossier.title(),
                                                          objection.grounds()));
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
                group, c.members, share(c.members, members), c.proposals, c.support, c.standAsides, c.concerns,
                c.objections,
                c.contributions(), share(c.contributions(), contributions), c.accommodated, c.notAccommodated,
                median(c.waits))));
        return Optional.of(new Engagement(body, groups, median(allWaits), SHORT_REASONS, shortReasons));
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
        int standAsides;
        int concerns;
        int objections;
        int accommodated;
        int notAccommodated;
        final List<Duration> waits = new ArrayList<>();

        int contributions() {
            return proposals + support + standAsides + concerns + objections;
        }
    }
}
