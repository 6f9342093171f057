package org.consensusledger.query.site;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.meeting.MeetingViews;
import org.consensusledger.query.projection.Rebuilds;
import org.consensusledger.query.projection.TokenPositions;
import org.springframework.web.util.UriUtils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a site page is built from, as a string that changes whenever the page would. A proposal's dossier, timeline
 * and steps feed are built from its dossier alone, and a meeting's minutes from its meeting and the dossiers of the proposals taken up
 * in it (names of organisations and titles never change), so their version is the latest of those documents'
 * positions: they stay cached while the rest of the ledger moves on. Every
 * other page (lists, a body, engagement, search, feeds, anything "as of") takes every read model's position and the
 * latest signed checkpoint's size. Every page's version also says whether the public record is behind the log
 * ({@link PublicRecord}). Each is read from the database at most every {@code refresh}, whichever instance
 * moved the read models on, so a page served from {@link PageCache} is at most that much older than the read models.
 */
class SiteVersion {

    private static final Pattern PROPOSAL_PAGE = Pattern.compile("/proposals/([^/]+)(?:/timeline|/steps\\.atom)?");
    private static final Pattern MEETING_PAGE = Pattern.compile("/meetings/([^/]+)");
    private static final String EVERYTHING = "";

    private final TokenPositions tokens;
    private final Checkpoints checkpoints;
    private final Dossiers dossiers;
    private final MeetingViews meetings;
    private final Cache<String, String> versions;
    private final PublicRecord record;

    private final Rebuilds rebuilds;

    SiteVersion(TokenPositions tokens, Checkpoints checkpoints, Dossiers dossiers, MeetingViews meetings,
                PublicRecord record, Rebuilds rebuilds, Duration refresh) {
        this.record = record;
        this.rebuilds = rebuilds;
        this.tokens = tokens;
        this.checkpoints = checkpoints;
        this.dossiers = dossiers;
        this.meetings = meetings;
        this.versions = Caffeine.newBuilder().expireAfterWrite(refresh).maximumSize(10_000).build();
        rebuilds.onRebuild(versions::invalidateAll);
    }

    /**
     * The version of the page at this path and query string: what it is built from, and whether the public record
     * is complete (every page shows a banner while it is not).
     */
    String of(String path, String query) {
        // Read first: what is read after a rebuild began is kept under the rebuild's tag, never under the one before.
        String rebuilt = rebuilds.tag();
        return built(path, query, rebuilt) + ";" + record.version() + ";rebuilt=" + rebuilt;
    }

    private String built(String path, String query, String rebuilt) {
        if (query == null) {
            Matcher proposal = PROPOSAL_PAGE.matcher(path);
            if (proposal.matches()) {
                return own(path, rebuilt, () -> dossiers.positionOf(decoded(proposal.group(1))));
            }
            Matcher meeting = MEETING_PAGE.matcher(path);
            if (meeting.matches()) {
                return own(path, rebuilt, () -> meetings.positionOf(decoded(meeting.group(1))));
            }
        }
        return everything(rebuilt);
    }

    private String own(String path, String rebuilt, Supplier<OptionalLong> position) {
        return versions.get(rebuilt + " " + path, key -> {
            OptionalLong at = position.get();
            return at.isPresent() ? "document at " + at.getAsLong() : everything(rebuilt);
        });
    }

    private String everything(String rebuilt) {
        return versions.get(rebuilt + " " + EVERYTHING, key -> tokens.signature() + "checkpoint="
                + checkpoints.latest().map(Checkpoints.Signed::size).orElse(-1L));
    }

    private static String decoded(String segment) {
        return UriUtils.decode(segment, StandardCharsets.UTF_8);
    }
}
