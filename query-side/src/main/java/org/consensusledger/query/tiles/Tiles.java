package org.consensusledger.query.tiles;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.audit.Leaves;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.query.web.ProblemHandler;
import org.consensusledger.web.ProblemTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The log as c2sp.org/tlog-tiles lays it out, made from what the log already stores: a tile of hashes is 256 (or
 * fewer) consecutive nodes of tree level {@code 8·L} ({@code merkle_nodes}, read by key in one query), an entry bundle
 * the canonical leaf bytes of 256 (or fewer) consecutive events (one range read of the log), each after its length as
 * a big-endian uint16. Only what the latest signed checkpoint's tree holds is served: every tile whose hashes (or
 * entries) all lie below its size, partial ones of any width included, so that each answer never changes.
 */
@Component
class Tiles {

    /** The longest entry an entry bundle can hold: its length is a uint16. */
    static final int LARGEST_ENTRY = 0xFFFF;

    private final MerkleLog tree;
    private final Checkpoints checkpoints;
    private final LedgerEventStorageEngine log;

    Tiles(MerkleLog tree, Checkpoints checkpoints, LedgerEventStorageEngine log) {
        this.tree = tree;
        this.checkpoints = checkpoints;
        this.log = log;
    }

    /** An entry that a bundle cannot hold (longer than 65,535 bytes): the bundle is not served (404). */
    static final class EntryTooLarge extends ErrorResponseException {
        EntryTooLarge(TilePath bundle, long position, int length) {
            super(HttpStatus.NOT_FOUND, problem(bundle, position, length), null);
        }

        private static ProblemDetail problem(TilePath bundle, long position, int length) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "The entry bundle tile/"
                    + bundle.format() + " is not served: the entry at position " + position + " is " + length
                    + " bytes long, more than the 65,535 a bundle's uint16 length can say (c2sp.org/tlog-tiles). "
                    + "Read it from /api/audit/events?from=" + position + "&limit=1 and check its leaf hash against "
                    + "the level-0 tile tile/0/" + new TilePath(0, bundle.index(), bundle.width()).format()
                    + "; bundles of other entries, and partial bundles that end before it, are served.");
            problem.setType(ProblemTypes.type("entry-too-large"));
            problem.setTitle("Entry too large for an entry bundle");
            return problem;
        }
    }

    /** The tile's bytes: {@code width} hashes of 32 bytes, or the entry bundle. */
    byte[] read(TilePath tile) {
        long signed = checkpoints.latest().map(Checkpoints.Signed::size).orElseThrow(() -> new ProblemHandler.NotFound(
                "tile", tile.format() + " yet: the log has signed no checkpoint so far (the first is signed shortly "
                        + "after the log's first event)"));
        long needed = tile.sizeNeeded();
        if (needed > signed) {
            throw new ProblemHandler.NotFound("tile", tile.format() + " in the log's signed tree: the latest "
                    + "checkpoint has " + signed + " entries, and " + (needed == Long.MAX_VALUE
                    ? "no tree holds this tile" : "this tile needs " + needed) + " (a tile is served once a signed "
                    + "checkpoint's tree holds all its " + (tile.entries() ? "entries" : "hashes")
                    + "; empty tiles are never served)");
        }
        return tile.entries() ? bundle(tile) : hashes(tile);
    }

    private byte[] hashes(TilePath tile) {
        List<byte[]> nodes = tree.nodes(8 * tile.level(), tile.firstNode(), tile.width());
        byte[] bytes = new byte[32 * nodes.size()];
        for (int i = 0; i < nodes.size(); i++) {
            System.arraycopy(nodes.get(i), 0, bytes, 32 * i, 32);
        }
        return bytes;
    }

    private byte[] bundle(TilePath tile) {
        long first = tile.firstNode();
        List<JsonNode> events = events(first, tile.width());
        ByteArrayOutputStream bundle = new ByteArrayOutputStream(events.size() * 1024);
        for (int i = 0; i < events.size(); i++) {
            byte[] entry = Leaves.canonicalBytes(events.get(i));
            if (entry.length > LARGEST_ENTRY) {
                throw new EntryTooLarge(tile, first + i, entry.length);
            }
            bundle.write(entry.length >>> 8);
            bundle.write(entry.length & 0xFF);
            bundle.writeBytes(entry);
        }
        return bundle.toByteArray();
    }

    /** The {@code count} events from {@code first} on: one range read (more only if a commit straddles its end). */
    private List<JsonNode> events(long first, int count) {
        List<JsonNode> events = new ArrayList<>(count);
        while (events.size() < count) {
            long next = first + events.size();
            List<JsonNode> read = log.storedEvents(next, count - events.size());
            if (read.isEmpty()) {
                throw new IllegalStateException("The log holds no event at position " + next + ", below the size of "
                                                        + "its latest signed checkpoint");
            }
            for (JsonNode event : read) {
                long position = event.path(EventLogSchema.POSITION).asLong(-1);
                if (position != first + events.size()) {
                    throw new IllegalStateException("The log has position " + position + " where an entry bundle "
                                                            + "expects " + (first + events.size()));
                }
                events.add(event);
            }
        }
        return events;
    }
}
