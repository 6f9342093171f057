package org.consensusledger.command.console;

import org.consensusledger.web.Languages;
import org.consensusledger.web.MessageBundles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's bundles (the meeting screen's and the other screens') are complete in every language: every key,
 * with the same arguments; and every language the console offers names itself and gives its direction.
 */
class LanguageBundlesTest {

    @Test
    void everyBundleHasEveryKeyWithTheSameArguments() {
        MessageBundles.assertComplete(Path.of("src/main/resources"), "messages", "js.");
        MessageBundles.assertComplete(Path.of("src/main/resources"), "screens", "screens.js.");
    }

    @Test
    void everyEventTypeAndEveryChoiceItHoldsHasItsWordsOnTheRecordScreen() throws Exception {
        ResourceBundle screens = ResourceBundle.getBundle("screens", Locale.ROOT);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter((reader, factory) -> "java.lang.Record".equals(
                reader.getClassMetadata().getSuperClassName()));
        List<Class<?>> events = new ArrayList<>();
        for (String aggregate : List.of("body", "meeting", "organisation", "proposal", "record")) {
            for (BeanDefinition found : scanner.findCandidateComponents("org.consensusledger.events." + aggregate)) {
                Class<?> type = Class.forName(found.getBeanClassName());
                if (Stream.of(type.getInterfaces()).anyMatch(event -> event.getSimpleName().endsWith("Event"))) {
                    events.add(type);
                }
            }
        }

        assertThat(events).hasSizeGreaterThanOrEqualTo(37);
        for (Class<?> event : events) {
            assertThat(screens.containsKey("screens.event." + event.getSimpleName())).as(event.getName()).isTrue();
            for (RecordComponent component : event.getRecordComponents()) {
                if (component.getType().isEnum()) {
                    for (Object choice : component.getType().getEnumConstants()) {
                        assertThat(screens.containsKey("screens.choice." + ((Enum<?>) choice).name()))
                                .as("%s.%s", event.getSimpleName(), choice).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void everyLanguageOfferedHasANameAndADirection() {
        MessageBundles.assertNamedWithDirection(
                Languages.discover(getClass().getClassLoader(), List.of("messages", "screens")), "messages");
    }
}
