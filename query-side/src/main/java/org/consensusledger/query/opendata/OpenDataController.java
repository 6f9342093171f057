package org.consensusledger.query.opendata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;


/**
 * The open-data exports (docs/open-data.md): each dataset as CSV, and the whole record in Popolo's terms as JSON,
 * all made at one signed checkpoint — the latest, or the one of tree size {@code at} — from the log folded up to it,
 * so that a set of files fetched with the same {@code at} is consistent. Every export states that checkpoint: the
 * JSON in its {@code checkpoint} member, the CSVs in the {@code checkpoint.csv} dataset and in headers
 * ({@code Ledger-Tree-Size}, {@code Ledger-Log-Position}, {@code Ledger-Root-Hash}).
 */
@RestController
@RequestMapping("/api/open-data")
@Tag(name = "Open data", description = "The public record to take away: CSV and Popolo JSON at a signed checkpoint")
class OpenDataController {

    static final String CSV = "text/csv;charset=UTF-8;header=present";
    static final String JSON = "application/json";
    static final String PROBLEM = "application/problem+json";

    private final Exports exports;
    private final ObjectMapper json = LedgerJson.objectMapper();
    private final String base;

    OpenDataController(Exports exports, AuditProperties audit) {
        this.exports = exports;
        this.base = audit.baseUrl();
    }

    @GetMapping(produces = {JSON, PROBLEM})
    @Operation(summary = "The exports: each dataset's address and columns, and the latest signed checkpoint",
               description = "Add `at=<tree size>` to every address to fetch a consistent set at that checkpoint.")
    ResponseEntity<String> index() {
        ObjectNode index = json.createObjectNode();
        Popolo popolo = new Popolo(json, base);
        exports.latestCheckpoint().ifPresentOrElse(
                latest -> index.set("checkpoint", popolo.stamp(Exports.stamp(latest))),
                () -> index.putNull("checkpoint"));
        ArrayNode datasets = index.putArray("datasets");
        for (Datasets dataset : Datasets.values()) {
            ObjectNode entry = datasets.addObject();
            entry.put("name", dataset.fileName());
            entry.put("url", base + "/api/open-data/" + dataset.fileName() + ".csv");
            entry.put("mediaType", "text/csv");
            dataset.columns().forEach(entry.putArray("columns")::add);
        }
        index.put("popolo", base + "/api/open-data/popolo.json");
        index.put("documentation", base + "/open-data");
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(write(index));
    }

    @GetMapping(value = "/{dataset}.csv", produces = {CSV, PROBLEM})
    @Operation(summary = "One dataset as CSV (RFC 4180, UTF-8, a header row, instants in ISO-8601 UTC)",
               description = "Datasets: checkpoint, bodies, organisations, memberships, meetings, proposals, "
                       + "proposal-versions, outcomes, positions. Made at the latest signed checkpoint, or at "
                       + "`at`; the headers Ledger-Tree-Size, Ledger-Log-Position and Ledger-Root-Hash name it. "
                       + "A text cell beginning with =, +, -, @, a tab, a carriage return or ' gets a ' in front "
                       + "(formula injection; remove one leading ' to undo). 503 with Retry-After while another "
                       + "earlier checkpoint's export is being made.")
    ResponseEntity<String> csv(@Parameter(description = "the dataset") @PathVariable @Size(max = 40) String dataset,
                               @Parameter(description = "a signed checkpoint's tree size (default: the latest)")
                               @RequestParam(required = false) @Min(1) Long at) {
        Datasets chosen = Datasets.BY_NAME.get(dataset);
        if (chosen == null) {
            throw new ProblemHandler.NotFound("dataset", dataset);
        }
        Snapshot snapshot = exports.at(at);
        // Written whole before anything is sent, as the Popolo document is: a failure while writing is then a
        // problem, not a half-sent table, and the servlet's stream is the container's to close.
        StringBuilder table = new StringBuilder();
        chosen.write(snapshot, table);
        return ResponseEntity.ok().headers(stamp(snapshot.stamp())).contentType(MediaType.parseMediaType(CSV))
                             .header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + chosen.fileName()
                                     + "-" + snapshot.stamp().treeSize() + ".csv\"")
                             .body(table.toString());
    }

    @GetMapping(value = "/popolo.json", produces = {JSON, PROBLEM})
    @Operation(summary = "The record in Popolo's terms: organizations, memberships, events, motions, vote events",
               description = "Bodies and stakeholder organisations are organizations, meetings events, each "
                       + "version of a proposal a motion, each outcome a vote event whose votes are the "
                       + "organisations' positions. Member `checkpoint` names the signed checkpoint it was made at; "
                       + "texts are exactly as recorded. 503 with Retry-After while another earlier checkpoint's "
                       + "export is being made.")
    ResponseEntity<String> popolo(@Parameter(description = "a signed checkpoint's tree size (default: the latest)")
                                      @RequestParam(required = false) @Min(1) Long at) {
        Snapshot snapshot = exports.at(at);
        return ResponseEntity.ok().headers(stamp(snapshot.stamp())).contentType(MediaType.APPLICATION_JSON)
                             .body(write(new Popolo(json, base).document(snapshot)));
    }

    /** Written by the ledger's own Jackson (the web layer's is another major version). */
    private String write(ObjectNode node) {
        try {
            return json.writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpHeaders stamp(Snapshot.Stamp stamp) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("Ledger-Tree-Size", Long.toString(stamp.treeSize()));
        headers.set("Ledger-Log-Position", Long.toString(stamp.logPosition()));
        headers.set("Ledger-Root-Hash", stamp.rootHash());
        return headers;
    }

    @ExceptionHandler(Exports.NoCheckpointYet.class)
    ResponseEntity<ProblemDetail> noCheckpointYet(Exports.NoCheckpointYet e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(org.consensusledger.web.ProblemTypes.type("no-checkpoint-yet"));
        problem.setTitle("No signed checkpoint yet");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "5")
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @ExceptionHandler(Exports.Busy.class)
    ResponseEntity<ProblemDetail> busy(Exports.Busy e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        problem.setType(org.consensusledger.web.ProblemTypes.type("export-being-made"));
        problem.setTitle("An earlier checkpoint's export is being made");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, Long.toString(Exports.RETRY_AFTER.toSeconds()))
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
