package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.UnknownReference;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

@RestController
@RequestMapping("/api/bodies")
@Tag(name = "Bodies")
class ConsoleApiController {

    private final ConsoleIndex index;
    private final Directory directory;

    ConsoleApiController(ConsoleIndex index, Directory directory) {
        this.index = index;
        this.directory = directory;
    }

    record ProposalItem(String proposalId, String title, Instant submittedAt, String status) {
    }

    @GetMapping("/{id}/proposals")
    @Operation(summary = "The body's proposals in the order submitted, with where each stands: the agenda the "
            + "meeting console offers (follows the log within moments; a proposal's own state is "
            + "GET /api/proposals/{id})")
    List<ProposalItem> proposals(@PathVariable String id) {
        directory.body(id).orElseThrow(() -> new UnknownReference("body", id));
        return index.proposals(id).stream()
                    .map(entry -> new ProposalItem(entry.id(), entry.title(), entry.at(), entry.status()))
                    .toList();
    }
}
