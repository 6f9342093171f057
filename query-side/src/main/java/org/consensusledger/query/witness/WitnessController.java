package org.consensusledger.query.witness;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.web.ProblemTypes;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The C2SP tlog-witness endpoint ({@code POST /api/witness/add-checkpoint}; the submission prefix is
 * {@code <base URL>/api/witness}) and the witness's cosigner key. A 200 and a 409 are the spec's plain text; every
 * other refusal is a problem document (RFC 9457) with one of the spec's statuses; a body larger than
 * {@value #MAX_BODY} bytes is refused (400) without being read further.
 */
@RestController
@RequestMapping("/api/witness")
@Tag(name = "Witness", description = "This ledger as a witness of other logs (C2SP tlog-witness)")
class WitnessController {

    /** A request holds an old size, at most 63 hashes and a checkpoint with its signatures: far below this. */
    static final int MAX_BODY = 64 * 1024;
    private static final String TEXT = "text/plain;charset=UTF-8";
    private static final String PROBLEM = "application/problem+json";
    private static final Map<Integer, String> TITLES = Map.of(400, "Malformed add-checkpoint request",
                                                              403, "Not signed by the log",
                                                              404, "Unknown log",
                                                              422, "Inconsistent checkpoint");

    private final Witness witness;

    WitnessController(Witness witness) {
        this.witness = witness;
    }

    @PostMapping(value = "/add-checkpoint")
    @Operation(summary = "Cosign a log's checkpoint (C2SP tlog-witness add-checkpoint)",
               description = "Body: `old <size>`, 0 to 63 base64 consistency proof lines, an empty line, the signed "
                       + "checkpoint. 200: the witness's cosignature line(s) (C2SP tlog-cosignature/v1). 400: "
                       + "malformed, or old size above the checkpoint's, or a body over 64 KiB. 403: not validly "
                       + "signed by the log's key. 404: a log this ledger does not witness. 409: the old size is not "
                       + "the size this witness last cosigned, which the body gives (`text/x.tlog.size`). 422: the "
                       + "consistency proof does not verify, or the checkpoint has the size cosigned and another root "
                       + "(a split view: only that one is also recorded).",
               requestBody = @RequestBody(content = @Content(mediaType = "text/plain",
                                                             schema = @Schema(type = "string"))),
               responses = {
                       @ApiResponse(responseCode = "200", description = "cosignature lines",
                                    content = @Content(mediaType = TEXT, schema = @Schema(type = "string"))),
                       @ApiResponse(responseCode = "400", description = "malformed request",
                                    content = @Content(mediaType = PROBLEM)),
                       @ApiResponse(responseCode = "403", description = "no valid signature by the log's key",
                                    content = @Content(mediaType = PROBLEM)),
                       @ApiResponse(responseCode = "404", description = "unknown log origin",
                                    content = @Content(mediaType = PROBLEM)),
                       @ApiResponse(responseCode = "409", description = "the witness's size, in decimal",
                                    content = @Content(mediaType = "text/x.tlog.size",
                                                       schema = @Schema(type = "string"))),
                       @ApiResponse(responseCode = "422", description = "inconsistent checkpoint",
                                    content = @Content(mediaType = PROBLEM))})
    ResponseEntity<Object> addCheckpoint(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > MAX_BODY) {
            return answer(tooLarge());
        }
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY + 1);
        }
        if (body.length > MAX_BODY) {
            return answer(tooLarge());
        }
        return answer(witness.addCheckpoint(body));
    }

    @GetMapping(value = "/{originHash}/checkpoint", produces = {TEXT, PROBLEM})
    @Operation(summary = "The latest checkpoint this witness cosigned of a log, with its cosignature (tlog-witness, "
            + "for monitors)", description = "`originHash`: SHA-256 of the log's origin, lowercase hex. 404 for a log "
            + "it does not witness or has not cosigned yet.")
    ResponseEntity<Object> checkpoint(@PathVariable String originHash) {
        return answer(witness.latestCosigned(originHash));
    }

    @GetMapping(value = "/vkey", produces = {TEXT, PROBLEM})
    @Operation(summary = "This witness's cosigner verifier key (C2SP tlog-cosignature/v1, key type 0x04)",
               description = "404 when this ledger witnesses no log.")
    ResponseEntity<Object> vkey() {
        if (!witness.witnessesLogs()) {
            return answer(Witness.Answer.refuse(404, "no-log",
                                                "this ledger witnesses no log (ledger.witness.logs is empty)"));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(TEXT))
                             .cacheControl(CacheControl.noCache()).body(witness.vkey() + "\n");
    }

    private static Witness.Answer tooLarge() {
        return Witness.Answer.refuse(400, "too-large", "the request body is larger than " + MAX_BODY + " bytes");
    }

    private static ResponseEntity<Object> answer(Witness.Answer answer) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status())
                                                            .cacheControl(CacheControl.noStore());
        if (answer.problem() == null) {
            return response.header("Content-Type", answer.contentType()).body(answer.body());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(answer.status()), answer.body());
        problem.setType(ProblemTypes.type("witness-" + answer.problem()));
        problem.setTitle(TITLES.getOrDefault(answer.status(), "Refused"));
        return response.contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
