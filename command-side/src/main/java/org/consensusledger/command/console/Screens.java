package org.consensusledger.command.console;

import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory;
import org.consensusledger.command.shared.Directory.BodyView;
import org.consensusledger.command.shared.Directory.OrganisationView;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.FormatStyle;

/** What the chairing and secretariat screens share: who may use them, the pages that refuse, times and names. */
final class Screens {

    /** Longer than any id the ledger makes or takes: such a path names nothing. */
    static final int LONGEST_ID = 100;
    /** A day as the reader's language writes it ("Dec 1, 2026", "1 déc. 2026"), the time on 24 hours, in UTC. */
    private static final DateTimeFormatter WHEN = new DateTimeFormatterBuilder()
            .appendLocalized(FormatStyle.MEDIUM, null).appendLiteral(' ').appendPattern("HH:mm")
            .appendLiteral(" UTC").toFormatter().withChronology(IsoChronology.INSTANCE).withZone(ZoneOffset.UTC);
    /** The value of an {@code <input type="datetime-local">}, which the screens read as UTC. */
    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")
                                                                  .withZone(ZoneOffset.UTC);

    private Screens() {
    }

    /** Whether the account chairs the body: the secretariat, or a delegate of one of its co-chairs. */
    static boolean chairs(Actor actor, BodyView body) {
        return actor.secretariat() || body.isCoChair(actor.organisationId());
    }

    static boolean plausibleId(String id) {
        return id != null && !id.isBlank() && id.length() <= LONGEST_ID;
    }

    static String notFound(HttpServletResponse response) {
        response.setStatus(HttpStatus.NOT_FOUND.value());
        return "console/not-found";
    }

    /** The page that says, in words, who may use the screen asked for. */
    static String forbidden(HttpServletResponse response, Model model, String reasonKey, String argument) {
        response.setStatus(HttpStatus.FORBIDDEN.value());
        model.addAttribute("reasonKey", reasonKey);
        model.addAttribute("reasonArgument", argument);
        return "console/forbidden";
    }

    /** An instant in the language of the page being rendered, to the minute, in UTC. */
    static String when(Instant instant) {
        return instant == null ? "" : WHEN.withLocale(LocaleContextHolder.getLocale()).format(instant);
    }

    static String name(Directory directory, String organisationId) {
        if (organisationId == null) {
            return "";
        }
        return directory.organisation(organisationId).map(OrganisationView::name).orElse(organisationId);
    }
}
