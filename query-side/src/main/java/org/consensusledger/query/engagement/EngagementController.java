package org.consensusledger.query.engagement;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.consensusledger.query.engagement.EngagementFigures.Engagement;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The engagement figures of a body for the public ({@link EngagementFigures}). No account needed. */
@RestController
@RequestMapping("/api/public/engagement")
@Tag(name = "Engagement", description = "Stakeholder groups' share of membership against their share of contributions")
class EngagementController {

    private final EngagementFigures figures;

    EngagementController(EngagementFigures figures) {
        this.figures = figures;
    }

    @GetMapping
    @Operation(summary = "Per stakeholder group: share of membership vs share of contributions, objections "
            + "accommodated or not, median time to disposition; dispositions with short reasons flagged")
    Engagement engagement(@RequestParam @Size(max = 100) String body) {
        return figures.of(body).orElseThrow(() -> new ProblemHandler.NotFound("body", body));
    }
}
