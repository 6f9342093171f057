package org.consensusledger.query.site;

import org.consensusledger.web.Languages;
import org.consensusledger.web.MessageBundles;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

/**
 * The site's bundles in the sources are complete: every key in every language, with the same arguments; and every
 * language the site offers (those of the sources, and the test-only Arabic) names itself and gives its direction.
 */
class LanguageBundlesTest {

    @Test
    void everyBundleHasEveryKeyWithTheSameArguments() {
        MessageBundles.assertComplete(Path.of("src/main/resources"), "messages");
    }

    @Test
    void everyLanguageOfferedHasANameAndADirection() {
        MessageBundles.assertNamedWithDirection(Languages.discover(getClass().getClassLoader(), List.of("messages")),
                                                "messages");
    }
}
