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
            return unauthorized(token);
        }
        try {
            return ResponseEntity.status(HttpStatus.ACCEPTED).body(replays.replayAll());
        } catch (UnableToClaimTokenException e) {
            return AdminAnswers.conflict("replay-blocked", "Replay not possible now", "Another query-side instance is "
                    + "processing events (" + e.getMessage() + "): stop the other instances, or replay from the one "
                    + "that holds the processing");
        } catch (IllegalStateException e) {
            return AdminAnswers.conflict("replay-running", "Replay already running",
                                         "A replay is already running; GET /api/admin/replay shows how far it is");
        }
    }

    @GetMapping
    @Operation(summary = "Each processor's state: replaying, caught up, position")
    ResponseEntity<?> status(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String token) {
        if (!tokens.isSecretariat(token)) {
            return unauthorized(token);
        }
        List<Replays.ProcessorStatus> status = replays.status();
        return ResponseEntity.ok(status);
    }

    private ResponseEntity<ProblemDetail> unauthorized(String token) {
        return tokens.refusal(token, "A replay needs the secretariat's token: Authorization: Bearer <token>");
    }
}
