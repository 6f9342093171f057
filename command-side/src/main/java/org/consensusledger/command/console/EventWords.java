package org.consensusledger.command.console;

import org.axonframework.eventhandling.DomainEventMessage;
import org.consensusledger.command.shared.Directory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A stored event in a few words, so that whoever corrects a record picks the wrong event by what it says, not by
 * its number: its type ("Objection raised"), the organisations it names, its choices ("not accommodated") and the
 * start of its text. Read from the event record's components, so every event type of the published language is
 * described, including those added later. Types and choices are in the page's language ({@code screens.event.*},
 * {@code screens.choice.*}); one without a text yet is named after its Java name.
 */
final class EventWords {

    /** The components that hold a text, the first of them given is quoted. */
    private static final List<String> TEXTS = List.of("title", "name", "grounds", "text", "reason", "reasons",
                                                      "rationale", "answer", "mandate", "whatIsWrong", "comment",
                                                      "summary");
    /** Components that name an organisation, besides those whose name ends in "By". */
    private static final Set<String> ORGANISATIONS = Set.of("organisationId", "appellant");
    private static final int EXCERPT = 120;

    private final Directory directory;
    private final MessageSource messages;

    EventWords(Directory directory, MessageSource messages) {
        this.directory = directory;
        this.messages = messages;
    }

    /** One event: its place in its record's stream, when the ledger stored it, what it is and what it says. */
    record Line(long sequenceNumber, String recordedAt, String what, String says) {

        /** The line as the correction form offers it. */
        public String option() {
            return "#" + sequenceNumber + " · " + recordedAt + " · " + what + (says.isEmpty() ? "" : ": " + says);
        }
    }

    Line line(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        return new Line(event.getSequenceNumber(), Screens.when(event.getTimestamp()),
                        words("screens.event.", payload.getClass().getSimpleName(),
                              type(payload.getClass().getSimpleName())),
                        says(payload));
    }

    /** "ObjectionRaised" as "Objection raised", "CoChairAppointed" as "Co-chair appointed". */
    static String type(String simpleName) {
        String words = simpleName.replace("CoChair", "Co-chair").replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                                 .toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private String says(Object payload) {
        if (!payload.getClass().isRecord()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        String text = null;
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            Object value = value(component, payload);
            String name = component.getName();
            if (value instanceof String string && !string.isBlank()) {
                if (ORGANISATIONS.contains(name) || name.endsWith("By")) {
                    parts.add(Screens.name(directory, string));
                } else if (text == null && TEXTS.contains(name)) {
                    text = string.strip();
                }
            } else if (value instanceof Enum<?> choice) {
                parts.add(words("screens.choice.", choice.name(),
                                choice.name().toLowerCase(Locale.ROOT).replace('_', ' ')));
            }
        }
        if (text != null) {
            boolean longer = text.codePointCount(0, text.length()) > EXCERPT;
            parts.add("“" + (longer ? text.substring(0, text.offsetByCodePoints(0, EXCERPT)) + "…" : text) + "”");
        }
        return String.join(", ", parts);
    }

    private String words(String prefix, String name, String otherwise) {
        return messages.getMessage(prefix + name, null, otherwise, LocaleContextHolder.getLocale());
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return null;
        }
    }
}
