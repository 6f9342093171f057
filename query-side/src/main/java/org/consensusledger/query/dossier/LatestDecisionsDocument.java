package org.consensusledger.query.dossier;

import org.bson.codecs.pojo.annotations.BsonId;
import org.consensusledger.dossier.Positioned;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A body's latest decisions ({@code public_latest_decisions}, one document per body that has decided anything): the
 * {@link #KEPT} decided last, the latest first, and how many of the body's proposals are decided. The home page
 * reads these few documents by key instead of the outcome of every dossier.
 * <p>
 * {@code latest} always holds the body's latest decisions, as many as it holds: a decision that stops being one (an
 * appeal upheld, a correction) leaves the list, and one that is not among the latest is counted but not listed. When
 * a list lost more than it can spare ({@link #holdsLatest(int)} is false), the reader asks the dossiers themselves
 * for that body; the next decisions fill it again.
 */
public record LatestDecisionsDocument(@BsonId String id, long position, long decided, List<Decision> latest)
        implements Positioned<LatestDecisionsDocument> {

    /** How many decisions each body's document keeps: the home page lists 10 of all bodies. */
    static final int KEPT = 20;

    /** The order of the latest decisions: when the outcome in force was recorded, then the dossier's last event. */
    static final Comparator<Decision> LATEST_FIRST = Comparator
            .comparing(Decision::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingLong(Decision::position).reversed();

    /**
     * A decided proposal: when the ledger recorded the outcome in force (a correction or a dismissed appeal recorded
     * since does not make an old decision new), and the position of the dossier's last event.
     */
    public record Decision(String proposalId, Instant decidedAt, long position) {
    }

    static LatestDecisionsDocument none(String bodyId) {
        return new LatestDecisionsDocument(bodyId, -1, 0, List.of());
    }

    @Override
    public LatestDecisionsDocument at(long newPosition) {
        return new LatestDecisionsDocument(id, newPosition, decided, latest);
    }

    /** Whether the list holds the body's {@code limit} latest decisions (or all, if it has fewer). */
    boolean holdsLatest(int limit) {
        return latest.size() >= Math.min(limit, decided);
    }

    /**
     * This document once a proposal's decision changed from {@code was} to {@code now} (either null: no decision);
     * this same document when neither is a decision.
     */
    LatestDecisionsDocument changed(Decision was, Decision now) {
        if (was == null && now == null) {
            return this;
        }
        List<Decision> kept = new ArrayList<>(latest);
        long unlisted = decided - latest.size(); // decided, older than every one listed
        if (was != null && !kept.removeIf(decision -> decision.proposalId().equals(was.proposalId()))) {
            unlisted--;
        }
        if (now != null) {
            // Listed only if it is known to come before every unlisted one: newer than the oldest listed, or none
            // is unlisted. Otherwise it is one of the unlisted.
            boolean known = unlisted == 0
                    || !kept.isEmpty() && LATEST_FIRST.compare(now, kept.get(kept.size() - 1)) < 0;
            if (known) {
                kept.add(now);
                kept.sort(LATEST_FIRST);
            }
        }
        List<Decision> listed = kept.size() > KEPT ? List.copyOf(kept.subList(0, KEPT)) : List.copyOf(kept);
        long count = decided - (was == null ? 0 : 1) + (now == null ? 0 : 1);
        return new LatestDecisionsDocument(id, position, count, listed);
    }
}
