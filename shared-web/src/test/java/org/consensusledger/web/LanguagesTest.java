package org.consensusledger.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.StaticMessageSource;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Which language a value names: only one a bundle is there for, and nothing, never an error, for anything else. */
class LanguagesTest {

    private static final Locale SPANISH = new Locale("es");
    private final Languages languages = new Languages(List.of(Locale.ENGLISH, Locale.FRENCH, SPANISH),
                                                      new StaticMessageSource());

    @Test
    void aLanguageIsNamedByItsTagWithOrWithoutACountryInAnyCase() {
        assertThat(languages.parse("fr")).contains(Locale.FRENCH);
        assertThat(languages.parse("FR")).contains(Locale.FRENCH);
        assertThat(languages.parse("fr-CH")).contains(Locale.FRENCH);
        assertThat(languages.parse("es_MX")).contains(SPANISH);
        assertThat(languages.match(Locale.CANADA_FRENCH)).contains(Locale.FRENCH);
    }

    @Test
    void anythingElseNamesNoLanguage() {
        for (String value : new String[]{null, "", " ", "zz", "de", "../../x", "fr/../es", "\u0000", "fr\r\nX: y",
                                         "\ud800", "x".repeat(10_000), "*", "fr;q=1", "-"}) {
            assertThat(languages.parse(value)).as(String.valueOf(value)).isEqualTo(Optional.empty());
        }
    }

    @Test
    void theChoiceIsReadFromTheQueryAsSentWithoutParsingItsOtherParameters() {
        assertThat(Languages.chosen("lang=fr")).isEqualTo("fr");
        assertThat(Languages.chosen("q=a%20b&lang=es&page=2")).isEqualTo("es");
        assertThat(Languages.chosen("%6Cang=es")).isEqualTo("es");
        assertThat(Languages.chosen("from=%zz&lang=fr")).isEqualTo("fr");
        assertThat(Languages.chosen("lang=%zz")).isNull();
        assertThat(Languages.chosen("lang")).isNull();
        assertThat(Languages.chosen("language=fr")).isNull();
        assertThat(Languages.chosen(null)).isNull();
    }

    @Test
    void theLanguagesAreThoseWithABundleForEveryBaseNameEnglishFirst(@TempDir Path classes) throws Exception {
        for (String file : List.of("messages.properties", "messages_fr.properties", "messages_ar.properties",
                                   "messages_pt_BR.properties", "screens.properties", "screens_fr.properties",
                                   "screens_pt_BR.properties")) {
            Files.writeString(classes.resolve(file), "language.name=x\n");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, null)) {
            assertThat(Languages.discover(loader, List.of("messages")))
                    .containsExactly(Locale.ENGLISH, new Locale("ar"), Locale.FRENCH, new Locale("pt", "BR"));
            assertThat(Languages.discover(loader, List.of("messages", "screens")))
                    .containsExactly(Locale.ENGLISH, Locale.FRENCH, new Locale("pt", "BR"));
            assertThat(Languages.discover(loader, List.of("nothing"))).containsExactly(Locale.ENGLISH);
        }
    }
}
