package org.consensusledger.query.selfcheck;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The self-check's findings, for anyone: the query side says where what it publishes differs from the log. */
@RestController
@Tag(name = "Audit", description = "The stored log, in order, for auditors")
class SelfCheckController {

    private final SelfCheck selfCheck;

    SelfCheckController(SelfCheck selfCheck) {
        this.selfCheck = selfCheck;
    }

    @GetMapping("/api/audit/self-check")
    @Operation(summary = "What the query side found when it derived its public record again from the log: whether "
            + "events are missing or changed, whether the Merkle tree and every signed checkpoint match the stored "
            + "events, and which read-model documents differ from what the log says (status CHECKING until the "
            + "first full pass has ended, then OK or PROBLEMS)")
    Report selfCheck() {
        return selfCheck.report();
    }
}
