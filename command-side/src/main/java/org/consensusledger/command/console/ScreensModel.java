package org.consensusledger.command.console;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.command.account.ConsoleSession;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.consensusledger.command.web.ActorResolver;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;

/**
 * What every console page has: who is signed in ({@code viewer}, by which the header offers pages), the session's
 * CSRF token, and the texts of the screens' script ({@code screens.js}) from the {@code screens} bundle. For the
 * console's page controllers only: the JSON API's controllers must not open sessions.
 */
@ControllerAdvice(assignableTypes = {ConsoleController.class, SecretariatScreens.class, MeetingScreens.class,
                                     ProposalScreens.class, RecordScreens.class, AccountScreens.class,
                                     LiveController.class})
class ScreensModel {

    /** The bundle's keys of the texts the screens' script shows. */
    private static final List<String> SCRIPT_KEYS = ResourceBundle.getBundle("screens", Locale.ROOT).keySet()
                                                                  .stream().filter(key -> key.startsWith("screens.js."))
                                                                  .sorted().toList();

    private final Directory directory;
    private final MessageSource messages;

    ScreensModel(Directory directory, MessageSource messages) {
        this.directory = directory;
        this.messages = messages;
    }

    @ModelAttribute
    void common(HttpServletRequest request, Model model) {
        Actor actor = ActorResolver.actor(request);
        model.addAttribute("viewer", actor);
        model.addAttribute("csrf", ConsoleSession.csrfToken(request));
        model.addAttribute("signedInAs", actor.secretariat() ? null
                : directory.organisation(actor.organisationId()).map(OrganisationView::name)
                           .orElse(actor.organisationId()));
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> texts = new LinkedHashMap<>();
        SCRIPT_KEYS.forEach(key -> texts.put(key.substring("screens.js.".length()),
                                             messages.getMessage(key, null, locale)));
        model.addAttribute("screensTexts", texts);
    }
}
