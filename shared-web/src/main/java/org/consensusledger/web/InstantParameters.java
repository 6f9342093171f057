package org.consensusledger.web;

import org.springframework.format.Formatter;
import org.springframework.format.FormatterRegistry;
import org.springframework.format.datetime.standard.InstantFormatter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.text.ParseException;
import java.time.Instant;
import java.util.Locale;

/**
 * Instants in a path or query ({@code asOf}, {@code submittedFrom}, ...) read as Spring reads them, then held to the
 * {@link InstantWindow}: outside it, 400 naming the parameter and the window.
 */
class InstantParameters implements WebMvcConfigurer {

    private final InstantWindow window;

    InstantParameters(InstantWindow window) {
        this.window = window;
    }

    @Override
    public void addFormatters(FormatterRegistry registry) {
        InstantFormatter standard = new InstantFormatter();
        registry.addFormatterForFieldType(Instant.class, new Formatter<Instant>() {
            @Override
            public Instant parse(String text, Locale locale) throws ParseException {
                return window.require(standard.parse(text, locale));
            }

            @Override
            public String print(Instant instant, Locale locale) {
                return standard.print(instant, locale);
            }
        });
    }
}
