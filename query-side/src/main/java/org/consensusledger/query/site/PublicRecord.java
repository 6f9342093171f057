package org.consensusledger.query.site;

import org.consensusledger.query.projection.ProjectionStops;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.springframework.stereotype.Component;

import java.util.OptionalLong;

/**
 * Whether the public record is complete and true to the log, for the banners every page shows while it is not
 * ({@code @publicRecord} in the templates): while a read model is stopped at an event it could not take in,
 * everything from that position on is missing from the pages; while the self-check finds differences between what
 * is published and the log, the pages may not show what was recorded. The reader is told so, rather than shown a
 * record that looks whole.
 */
@Component("publicRecord")
class PublicRecord {

    private final ProjectionStops stops;
    private final SelfCheck selfCheck;

    PublicRecord(ProjectionStops stops, SelfCheck selfCheck) {
        this.stops = stops;
        this.selfCheck = selfCheck;
    }

    /** How many differences between the public record and the log the self-check found (a banner says so). */
    public int getProblems() {
        return selfCheck.report().problemCount();
    }

    public boolean isBehind() {
        return stops.behindSince().isPresent();
    }

    /** The position from which the public record lacks events of the log; -1 when it lacks none. */
    public long getSince() {
        OptionalLong since = stops.behindSince();
        return since.isPresent() ? since.getAsLong() : -1;
    }

    /** What changes a page when it changes: part of every page's version in the page cache. */
    String version() {
        return "behind=" + getSince() + ";problems=" + getProblems();
    }
}
