package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.organisation.OrganisationEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordCorrected;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A record (an organisation, a body, a meeting, a proposal, a correction) as its stored events, each described in
 * words, and the form that corrects one of them ({@code POST /api/corrections}): events are never changed, a
 * correction points at the wrong one. The secretariat corrects any record, a co-chair those of its own body.
 */
@Controller
@Hidden
class RecordScreens {

    /** More events than a correction form can sensibly offer; the newest beyond it are left off, and said so. */
    static final int MOST_EVENTS = 1000;

    private final EventStore events;
    private final Directory directory;
    private final EventWords words;

    RecordScreens(EventStore events, Directory directory, MessageSource messages) {
        this.events = events;
        this.directory = directory;
        this.words = new EventWords(directory, messages);
    }

    /** What a record is, for the page's heading and its way back: its kind, its name, and the screen it belongs to. */
    record Heading(String kind, String name, String back) {
    }

    @GetMapping("/console/records/{id}")
    String record(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        if (!Screens.plausibleId(id)) {
            return Screens.notFound(response);
        }
        List<EventWords.Line> lines = new ArrayList<>();
        Object first = null;
        DomainEventStream stream = events.readEvents(id);
        while (stream.hasNext() && lines.size() < MOST_EVENTS) {
            DomainEventMessage<?> event = stream.next();
            first = first == null ? event.getPayload() : first;
            lines.add(words.line(event));
        }
        if (first == null) {
            return Screens.notFound(response);
        }
        Optional<BodyView> body = Optional.ofNullable(bodyOf(first)).flatMap(directory::body);
        if (!actor.secretariat() && body.map(view -> !view.isCoChair(actor.organisationId())).orElse(true)) {
            return body.isPresent() ? Screens.forbidden(response, model, "screens.forbidden.records", body.get().name())
                    : Screens.forbidden(response, model, "screens.forbidden.secretariat", null);
        }
        model.addAttribute("recordId", id);
        model.addAttribute("heading", heading(id, first));
        model.addAttribute("lines", lines);
        model.addAttribute("more", stream.hasNext());
        body.ifPresent(view -> model.addAttribute("body", view));
        return "console/record";
    }

    private static String bodyOf(Object payload) {
        if (payload instanceof ProposalEvent proposal) {
            return proposal.bodyId();
        }
        if (payload instanceof MeetingEvent meeting) {
            return meeting.bodyId();
        }
        if (payload instanceof BodyEvent body) {
            return body.bodyId();
        }
        return payload instanceof RecordCorrected correction ? correction.bodyId() : null;
    }

    private Heading heading(String id, Object first) {
        if (first instanceof ProposalEvent) {
            return new Heading("PROPOSAL", directory.proposal(id).map(Directory.ProposalView::title).orElse(id),
                               "/console/proposals/" + id);
        }
        if (first instanceof MeetingEvent meeting) {
            return new Heading("MEETING", directory.meeting(id).map(Directory.MeetingView::title).orElse(id),
                               "/console/bodies/" + meeting.bodyId() + "/meetings");
        }
        if (first instanceof BodyEvent) {
            return new Heading("BODY", directory.body(id).map(BodyView::name).orElse(id),
                               "/console/bodies/" + id + "/membership");
        }
        if (first instanceof OrganisationEvent) {
            return new Heading("ORGANISATION", Screens.name(directory, id), "/console/organisations");
        }
        return new Heading("CORRECTION", id, "/console");
    }
}
