package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.MeetingStatus;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.Directory.ProposalView;
import org.consensusledger.events.MeetingFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Meetings as their body's co-chairs (and the secretariat) manage them: scheduled, opened, closed or cancelled, and
 * each one's agenda built and reordered. Recording in a meeting is the meeting screen's ({@code ConsoleController}).
 */
@Controller
@Hidden
class MeetingScreens {

    private final ConsoleIndex index;
    private final Directory directory;

    MeetingScreens(ConsoleIndex index, Directory directory) {
        this.index = index;
        this.directory = directory;
    }

    record MeetingItem(String meetingId, String title, String startsAt, String status) {
    }

    /** A proposal the agenda may hold: on it already (in its order), or open and not on it yet. */
    record AgendaItem(String proposalId, String title, String status, boolean onAgenda) {
    }

    @GetMapping("/console/bodies/{id}/meetings")
    String meetings(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        Optional<BodyView> body = Screens.plausibleId(id) ? directory.body(id) : Optional.empty();
        if (body.isEmpty()) {
            return Screens.notFound(response);
        }
        if (!Screens.chairs(actor, body.get())) {
            return Screens.forbidden(response, model, "screens.forbidden.chairs", body.get().name());
        }
        model.addAttribute("body", body.get());
        model.addAttribute("formats", MeetingFormat.values());
        // Where each stands is the meeting's own, current; the index only lists them (and may lag a moment).
        model.addAttribute("meetings", index.meetings(id).stream()
                .map(entry -> new MeetingItem(entry.id(), entry.title(), Screens.when(entry.at()),
                                              directory.meeting(entry.id()).map(m -> m.status().name())
                                                       .orElse(entry.status())))
                .toList());
        return "console/meetings";
    }

    @GetMapping("/console/meetings/{id}/agenda")
    String agenda(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        Optional<MeetingView> found = Screens.plausibleId(id) ? directory.meeting(id) : Optional.empty();
        if (found.isEmpty()) {
            return Screens.notFound(response);
        }
        MeetingView meeting = found.get();
        BodyView body = directory.requireBody(meeting.bodyId());
        if (!Screens.chairs(actor, body)) {
            return Screens.forbidden(response, model, "screens.forbidden.chairs", body.name());
        }
        List<AgendaItem> items = new ArrayList<>();
        for (String proposalId : meeting.agenda()) {
            directory.proposal(proposalId).ifPresent(proposal -> items.add(item(proposal, true)));
        }
        for (ConsoleIndex.Entry entry : index.proposals(body.bodyId())) {
            if (!meeting.agenda().contains(entry.id())) {
                directory.proposal(entry.id()).filter(ProposalView::open)
                         .ifPresent(proposal -> items.add(item(proposal, false)));
            }
        }
        model.addAttribute("body", body);
        model.addAttribute("meeting", meeting);
        model.addAttribute("startsAt", Screens.when(meeting.startsAt()));
        model.addAttribute("editable", meeting.status() == MeetingStatus.SCHEDULED
                || meeting.status() == MeetingStatus.OPEN);
        model.addAttribute("items", items);
        return "console/agenda";
    }

    private static AgendaItem item(ProposalView proposal, boolean onAgenda) {
        return new AgendaItem(proposal.proposalId(), proposal.title(), proposal.status().name(), onAgenda);
    }
}
