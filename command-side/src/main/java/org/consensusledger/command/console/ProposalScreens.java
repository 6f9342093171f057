package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.ProposalView;
import org.consensusledger.command.shared.LedgerTime;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.proposal.ProposalStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A body's proposals, and a proposal's page: what its co-chairs decide outside the meeting screen (a consensus call
 * and its early end, reopening a deferred proposal, appeals and their decisions), and its proposer's withdrawal. The
 * page offers only what the signed-in account may do; the ledger decides, and its refusal is shown in words.
 */
@Controller
@Hidden
class ProposalScreens {

    private final ConsoleIndex index;
    private final Directory directory;

    ProposalScreens(ConsoleIndex index, Directory directory) {
        this.index = index;
        this.directory = directory;
    }

    record ProposalItem(String proposalId, String title, String proposedBy, String submittedAt, String status) {
    }

    record MemberItem(String organisationId, String name) {
    }

    @GetMapping("/console/bodies/{id}/proposals")
    String proposals(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        Optional<BodyView> body = Screens.plausibleId(id) ? directory.body(id) : Optional.empty();
        if (body.isEmpty()) {
            return Screens.notFound(response);
        }
        if (!Screens.chairs(actor, body.get())) {
            return Screens.forbidden(response, model, "screens.forbidden.chairs", body.get().name());
        }
        model.addAttribute("body", body.get());
        model.addAttribute("proposals", index.proposals(id).stream()
                .flatMap(entry -> directory.proposal(entry.id()).stream()
                        .map(proposal -> new ProposalItem(proposal.proposalId(), proposal.title(),
                                                          Screens.name(directory, proposal.proposedBy()),
                                                          Screens.when(entry.at()), proposal.status().name())))
                .toList());
        model.addAttribute("members", membersFor(actor, body.get(), true));
        return "console/proposals";
    }

    @GetMapping("/console/proposals/{id}")
    String proposal(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        Optional<ProposalView> found = Screens.plausibleId(id) ? directory.proposal(id) : Optional.empty();
        if (found.isEmpty()) {
            return Screens.notFound(response);
        }
        ProposalView proposal = found.get();
        BodyView body = directory.requireBody(proposal.bodyId());
        boolean chairs = Screens.chairs(actor, body);
        boolean proposer = actor.actsFor(proposal.proposedBy());
        boolean chairsPlenary = !actor.secretariat() && body.kind() == BodyKind.WORKING_GROUP
                && directory.body(body.parentBodyId()).map(plenary -> plenary.isCoChair(actor.organisationId()))
                            .orElse(false);
        if (!chairs && !proposer && !chairsPlenary) {
            return Screens.forbidden(response, model, "screens.forbidden.proposal", body.name());
        }
        ProposalStatus status = proposal.status();
        boolean coChair = body.isCoChair(actor.organisationId());
        Instant now = LedgerTime.now();
        model.addAttribute("body", body);
        model.addAttribute("proposal", proposal);
        model.addAttribute("proposer", Screens.name(directory, proposal.proposedBy()));
        model.addAttribute("callDeadline", Screens.when(proposal.callDeadline()));
        model.addAttribute("appellant", Screens.name(directory, proposal.openAppellant()));
        model.addAttribute("chairs", chairs);
        model.addAttribute("canCall", coChair && status == ProposalStatus.OPEN);
        model.addAttribute("deadlineMin", Screens.LOCAL_INPUT.format(now.plus(Duration.ofMinutes(1))));
        model.addAttribute("deadlineMax", Screens.LOCAL_INPUT.format(now.plus(Duration.ofDays(body.maxCallDays()))));
        model.addAttribute("canEndCall", chairs && status == ProposalStatus.CALL_OPEN);
        model.addAttribute("canWithdraw", (proposer || actor.secretariat())
                && (status.isOpen() || status == ProposalStatus.DEFERRED));
        model.addAttribute("canReopen", coChair && status == ProposalStatus.DEFERRED);
        model.addAttribute("canAppeal", status == ProposalStatus.DECIDED && (chairs || body.isMember(
                actor.organisationId())));
        model.addAttribute("appellants", membersFor(actor, body, chairs));
        boolean decider = actor.secretariat() || (coChair || chairsPlenary)
                && !actor.organisationId().equals(proposal.declaredBy())
                && !actor.organisationId().equals(proposal.openAppellant());
        model.addAttribute("canDecide", status == ProposalStatus.APPEALED && decider);
        model.addAttribute("cannotDecide", status == ProposalStatus.APPEALED && !decider);
        return "console/proposal";
    }

    /**
     * Whom the account may act for (propose, appeal): any member, as a co-chair records it for them; else its own
     * organisation.
     */
    private List<MemberItem> membersFor(Actor actor, BodyView body, boolean chairs) {
        return body.members().keySet().stream()
                   .filter(member -> chairs || member.equals(actor.organisationId()))
                   .map(member -> new MemberItem(member, Screens.name(directory, member)))
                   .sorted(Comparator.comparing(MemberItem::name))
                   .toList();
    }
}
