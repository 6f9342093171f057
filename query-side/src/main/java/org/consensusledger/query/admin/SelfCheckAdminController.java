package org.consensusledger.query.admin;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** A full self-check pass on demand (the secretariat's token): it reads the whole log, so it is not for everyone. */
@RestController
@Tag(name = "Administration", description = "Rebuilding the read models (the secretariat's token)")
class SelfCheckAdminController {

    private final SelfCheck selfCheck;
    private final SecretariatTokens tokens;

    SelfCheckAdminController(SelfCheck selfCheck, SecretariatTokens tokens) {
        this.selfCheck = selfCheck;
        this.tokens = tokens;
    }

    @PostMapping(value = "/api/admin/self-check", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Start a full self-check pass now; GET /api/audit/self-check shows it running "
            + "(fullPassRunningSince) and then its result (lastFullPass)")
    ResponseEntity<?> runFullPass(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String token) {
        if (!tokens.isSecretariat(token)) {
            return tokens.refusal(token, "A self-check on demand needs the secretariat's token: "
                    + "Authorization: Bearer <token>; its result is public at GET /api/audit/self-check");
        }
        try {
            selfCheck.runFullPass();
        } catch (IllegalStateException e) {
            return AdminAnswers.conflict("self-check-off", "The self-check is off", e.getMessage());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(selfCheck.report());
    }
}
