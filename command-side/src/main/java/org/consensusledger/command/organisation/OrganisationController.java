package org.consensusledger.command.organisation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.web.CommandSender;
import org.consensusledger.command.web.Ids;
import org.consensusledger.command.web.Recorded;
import org.consensusledger.command.web.Versions;
import org.consensusledger.events.StakeholderGroup;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;

@RestController
@RequestMapping("/api/organisations")
@Tag(name = "Organisations")
class OrganisationController {

    private final CommandSender commands;

    OrganisationController(CommandSender commands) {
        this.commands = commands;
    }

    record RegisterOrganisationRequest(@NotBlank @Size(max = 300) String name,
                                       @NotNull StakeholderGroup stakeholderGroup,
                                       @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 alpha-2 code")
                                       String country) {
    }

    @PostMapping
    @Operation(summary = "Register an organisation and its stakeholder group (secretariat)")
    ResponseEntity<Recorded> register(@Valid @RequestBody RegisterOrganisationRequest request, Actor actor) {
        String id = Ids.next();
        commands.send(new RegisterOrganisation(id, request.name(), request.stakeholderGroup(), request.country(),
                                               actor));
        return Versions.created(URI.create("/api/organisations/" + id), 0, Recorded.of(id, 0));
    }
}
