package org.consensusledger.command.correction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.web.CommandSender;
import org.consensusledger.command.web.Ids;
import org.consensusledger.command.web.Recorded;
import org.consensusledger.command.web.Versions;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/corrections")
@Tag(name = "Corrections", description = "Events are never changed: a correction points at a wrong one")
class CorrectionController {

    private final CommandSender commands;

    CorrectionController(CommandSender commands) {
        this.commands = commands;
    }

    record RecordCorrectionRequest(@NotBlank @Size(max = 100) String aggregateId,
                                   @NotNull @PositiveOrZero Long sequenceNumber,
                                   @NotBlank @Size(max = 20_000) String whatIsWrong,
                                   @NotBlank @Size(max = 20_000) String correction) {
    }

    @PostMapping
    @Operation(summary = "Correct a record: point at a stored event (aggregate id and sequence number), say what is "
            + "wrong and what is right (secretariat, or a co-chair of the body the record belongs to)")
    ResponseEntity<Recorded> correct(@Valid @RequestBody RecordCorrectionRequest request, Actor actor) {
        String id = Ids.next();
        commands.send(new RecordCorrection(id, request.aggregateId(), request.sequenceNumber(), request.whatIsWrong(),
                                           request.correction(), actor));
        return Versions.created(URI.create("/api/corrections/" + id), 0, Recorded.of(id, 0));
    }
}
