package org.consensusledger.command.console;

import org.consensusledger.web.Languages;
import org.consensusledger.web.MessageBundles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

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
    void everyLanguageOfferedHasANameAndADirection() {
        MessageBundles.assertNamedWithDirection(
                Languages.discover(getClass().getClassLoader(), List.of("messages", "screens")), "messages");
    }
}
