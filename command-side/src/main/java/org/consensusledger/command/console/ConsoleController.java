package org.consensusledger.command.console;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.account.ConsoleSession;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.MeetingView;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.web.ActorResolver;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Optional;

/**
 * The meeting console's pages: the bodies, a body's meetings, and the meeting screen, whose script records through
 * the command API on the signed-in session. Only a signed-in account gets here ({@code ConsoleSessionFilter}).
 */
@Controller
@Hidden
class ConsoleController {

    /** The bundle's keys of the texts the meeting screen's script shows, which the page hands it. */
    private static final List<String> SCRIPT_KEYS = ResourceBundle.getBundle("messages", Locale.ROOT).keySet()
                                                                  .stream().filter(key -> key.startsWith("js."))
                                                                  .sorted().toList();

    private final ConsoleIndex index;
    private final Directory directory;
    private final MessageSource messages;

    ConsoleController(ConsoleIndex index, Directory directory, MessageSource messages) {
        this.index = index;
        this.directory = directory;
        this.messages = messages;
    }

    record BodyItem(String bodyId, String name, boolean chaired) {
    }

    record MeetingItem(String meetingId, String title, String startsAt, String status) {
    }

    /** Every page's header: who is signed in, and the sign-out form with its CSRF token. */
    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        Actor actor = ActorResolver.actor(request);
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        model.addAttribute("signedInAs", actor.secretariat() ? null
                : directory.organisation(actor.organisationId()).map(OrganisationView::name)
                           .orElse(actor.organisationId()));
    }

    @GetMapping("/console")
    String bodies(Actor actor, Model model) {
        List<BodyItem> bodies = index.bodies().stream()
                .map(entry -> new BodyItem(entry.id(), entry.title(), directory.body(entry.id())
                        .map(body -> body.isCoChair(actor.organisationId())).orElse(false)))
                .sorted(Comparator.comparing(BodyItem::chaired).reversed())
                .toList();
        model.addAttribute("bodies", bodies);
        return "console/bodies";
    }

    @GetMapping("/console/bodies/{id}")
    String body(@PathVariable String id, Actor actor, Model model, HttpServletResponse response) {
        Optional<BodyView> body = directory.body(id);
        if (body.isEmpty()) {
            return notFound(response);
        }
        model.addAttribute("body", body.get());
        model.addAttribute("chaired", body.get().isCoChair(actor.organisationId()));
        model.addAttribute("meetings", index.meetings(id).stream()
                                             .map(entry -> new MeetingItem(entry.id(), entry.title(),
                                                                           Screens.when(entry.at()), entry.status()))
                                             .toList());
        return "console/body";
    }

    @GetMapping("/console/meetings/{id}")
    String meeting(@PathVariable String id, Model model, HttpServletResponse response) {
        Optional<MeetingView> meeting = directory.meeting(id);
        if (meeting.isEmpty()) {
            return notFound(response);
        }
        model.addAttribute("meetingId", id);
        model.addAttribute("scriptTexts", scriptTexts(messages, LocaleContextHolder.getLocale()));
        model.addAttribute("body", directory.requireBody(meeting.get().bodyId()));
        return "console/meeting";
    }

    /** The texts the console's scripts show, by key without its {@code js.} prefix, which a page hands them. */
    static Map<String, String> scriptTexts(MessageSource messages, Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        SCRIPT_KEYS.forEach(key -> texts.put(key.substring(3), messages.getMessage(key, null, locale)));
        return texts;
    }

    private static String notFound(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "console/not-found";
    }
}
