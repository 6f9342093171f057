package org.consensusledger.query.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.consensusledger.audit.Leaves;
import org.consensusledger.eventlog.EventLogSchema;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The log itself, for auditors: every stored event in global order as NDJSON, one event per line exactly as stored
 * (with its position, and the leaf hash the log's Merkle tree holds for it), or one aggregate's stream. Written out while it is read, a batch at a time, so an export of
 * the whole log needs constant memory. No account is needed.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit", description = "The stored log, in order, for auditors")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    /** Declared too, so that an error on these paths can still be a problem response. */
    static final String PROBLEM = "application/problem+json";

    /** Events whose leaf hashes are read from the tree together. */
    private static final int CHUNK = 500;

    private final LedgerEventStorageEngine log;
    private final MerkleLog tree;
    /** One event per line; the response stays open after each. */
    private final ObjectWriter line = LedgerJson.objectMapper().writer()
                                                       .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    AuditController(LedgerEventStorageEngine log, MerkleLog tree) {
        this.log = log;
        this.tree = tree;
    }

    @GetMapping(value = "/events", produces = {NDJSON, PROBLEM})
    @Operation(summary = "The stored events in global-position order, one JSON document per line",
               description = "From position `from` (default 0), at most `limit` events (default: to the end).")
    void events(@Parameter(description = "first global position") @RequestParam(defaultValue = "0") @Min(0) long from,
                @Parameter(description = "largest number of events") @RequestParam(required = false) @Min(1)
                Long limit, HttpServletResponse response) throws IOException {
        Stream<JsonNode> events = log.storedEvents(from);
        write((limit == null ? events : events.limit(limit)).iterator(), response);
    }

    @GetMapping(value = "/aggregates/{id}/events", produces = {NDJSON, PROBLEM})
    @Operation(summary = "One aggregate's stored events in sequence order, one JSON document per line")
    void aggregateEvents(@PathVariable @Size(max = 100) String id, HttpServletResponse response) throws IOException {
        Iterator<JsonNode> events = log.storedEventsOf(id).iterator();
        if (!events.hasNext()) {
            throw new ProblemHandler.NotFound("aggregate", id);
        }
        write(events, response);
    }

    private void write(Iterator<JsonNode> events, HttpServletResponse response) throws IOException {
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        OutputStream out = response.getOutputStream();
        List<JsonNode> chunk = new ArrayList<>(CHUNK);
        while (events.hasNext()) {
            chunk.add(events.next());
            if (chunk.size() == CHUNK || !events.hasNext()) {
                withLeafHashes(chunk);
                for (JsonNode event : chunk) {
                    line.writeValue(out, event);
                    out.write('\n');
                }
                chunk.clear();
            }
        }
        out.flush();
    }

    /**
     * Adds to each event the leaf hash the log's Merkle tree holds for it (hex), which an auditor recomputes from the
     * line; events the tree has not reached yet have none.
     */
    private void withLeafHashes(List<JsonNode> chunk) {
        long treeSize = tree.size();
        List<Long> positions = new ArrayList<>(chunk.size());
        for (JsonNode event : chunk) {
            long position = event.path(EventLogSchema.POSITION).asLong();
            if (position < treeSize) {
                positions.add(position);
            }
        }
        Map<Long, byte[]> hashes = new HashMap<>();
        List<byte[]> found = tree.leafHashes(positions);
        for (int i = 0; i < positions.size(); i++) {
            hashes.put(positions.get(i), found.get(i));
        }
        for (JsonNode event : chunk) {
            byte[] hash = hashes.get(event.path(EventLogSchema.POSITION).asLong());
            if (hash != null) {
                ((ObjectNode) event).put(Leaves.LEAF_HASH_FIELD, HexFormat.of().formatHex(hash));
            }
        }
    }
}
