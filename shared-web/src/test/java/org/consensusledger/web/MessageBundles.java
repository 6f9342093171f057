package org.consensusledger.web;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The applications' checks of their message bundles, shared: every bundle of a family (a base name and its
 * {@code _<language>} siblings in the sources) has every key of the others, each with the same arguments, and every
 * language the application offers has its name and its direction.
 */
public final class MessageBundles {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    private MessageBundles() {
    }

    /** The bundles of the family {@code basename} in {@code directory}, by file name: the base and each language's. */
    public static Map<String, Properties> family(Path directory, String basename) {
        Map<String, Properties> bundles = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals(basename + ".properties")
                        || name.matches(Pattern.quote(basename) + "_[A-Za-z_]+\\.properties")) {
                    Properties bundle = new Properties();
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        bundle.load(reader);
                    }
                    bundles.put(name, bundle);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bundles;
    }

    /**
     * Every key in every bundle of the family, with the same argument indexes, and patterns that MessageFormat
     * reads, but for keys starting with one of {@code scriptPrefixes}: those are handed as they are to a script,
     * which fills in their arguments itself.
     */
    public static void assertComplete(Path directory, String basename, String... scriptPrefixes) {
        Map<String, Properties> bundles = family(directory, basename);
        assertThat(bundles).as("bundles of %s in %s", basename, directory)
                           .containsKey(basename + ".properties").hasSizeGreaterThan(1);
        Set<String> every = new TreeSet<>();
        bundles.values().forEach(bundle -> every.addAll(bundle.stringPropertyNames()));
        Properties base = bundles.get(basename + ".properties");
        bundles.forEach((name, bundle) -> {
            assertThat(new TreeSet<>(bundle.stringPropertyNames())).as("keys of %s", name)
                                                                   .containsExactlyElementsOf(every);
            for (String key : every) {
                String text = bundle.getProperty(key);
                assertThat(arguments(text)).as("arguments of %s in %s", key, name)
                                           .isEqualTo(arguments(base.getProperty(key)));
                boolean forScript = Stream.of(scriptPrefixes).anyMatch(key::startsWith);
                if (!forScript && !arguments(text).isEmpty()) {
                    assertThat(new MessageFormat(text, Locale.ROOT).format(sample(text)))
                            .as("%s in %s, with its arguments", key, name).doesNotContain("{");
                }
                assertThat(text).as("%s in %s (texts, not HTML)", key, name).isNotBlank()
                                .doesNotContainPattern("</?[a-z]+( [^>]*)?/?>");
            }
        });
    }

    /** Each language offered names itself and gives its direction, ltr or rtl, in its own bundle. */
    public static void assertNamedWithDirection(List<Locale> languages, String basename) {
        assertThat(languages).contains(Locale.ENGLISH, Locale.FRENCH, new Locale("es"));
        for (Locale language : languages) {
            ResourceBundle bundle = ResourceBundle.getBundle(basename, language,
                                                             ResourceBundle.Control.getNoFallbackControl(
                                                                     ResourceBundle.Control.FORMAT_PROPERTIES));
            assertThat(bundle.getLocale().getLanguage()).as("the bundle found for %s", language)
                                                         .isIn(language.getLanguage(), "");
            assertThat(bundle.getString("language.name")).as("the name of %s", language).isNotBlank();
            assertThat(bundle.getString("language.direction")).as("the direction of %s", language)
                                                              .isIn("ltr", "rtl");
        }
    }

    private static Set<Integer> arguments(String text) {
        Set<Integer> indexes = new TreeSet<>();
        ARGUMENT.matcher(text).results().forEach(found -> indexes.add(Integer.parseInt(found.group(1))));
        return indexes;
    }

    private static Object[] sample(String text) {
        int count = arguments(text).stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        Object[] values = new Object[count];
        for (int i = 0; i < count; i++) {
            values[i] = 2;
        }
        return values;
    }
}
