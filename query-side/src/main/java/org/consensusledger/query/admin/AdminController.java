package org.consensusledger.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;

@RestController
@RequestMapping("/api/admin/replay")
@Tag(name = "Administration", description = "Rebuilding the read models (the secretariat's token)")
class AdminController {

    private final Replays replays;
    private final SecretariatTokens tokens;

    AdminController(Replays replays, SecretariatTokens tokens) {
        this.replays = replays;
        this.tokens = tokens;
    }

    @PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Rebuild every read model from position 0; answers at once with each processor's state")
    ResponseEntity<?> replay(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String token) {
        if (!tokens.isSecretariat(token)) {
            return unauthorized();
        }
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.replayAll());
        } catch (UnableToClaimTokenException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "Another query-side instance is processing events (" + e.getMessage()
                            + "): stop the other instances, or replay from the one that holds the processing");
            problem.setType(URI.create("urn:consensus-ledger:problem:replay-blocked"));
            problem.setTitle("Replay not possible now");
            return conflict(problem);
        } catch (IllegalStateException e) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                    HttpStatus.CONFLICT, "A replay is already running; GET /api/admin/replay shows how far it is");
            problem.setType(URI.create("urn:consensus-ledger:problem:replay-running"));
            problem.setTitle("Replay already running");
            return conflict(problem);
        }
    }

    private static ResponseEntity<ProblemDetail> conflict(ProblemDetail problem) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @GetMapping
    @Operation(summary = "Each processor's state: replaying, caught up, position")
    ResponseEntity<?> status(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String token) {
        if (!tokens.isSecretariat(token)) {
            return unauthorized();
        }
        List<Replays.ProcessorStatus> status = replays.status();
        return ResponseEntity.ok(status);
    }

    private static ResponseEntity<ProblemDetail> unauthorized() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.UNAUTHORIZED, "A replay needs the secretariat's token: Authorization: Bearer <token>");
        problem.setType(URI.create("urn:consensus-ledger:problem:token-invalid"));
        problem.setTitle("Authentication required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                             .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"consensus-ledger\"")
                             .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
