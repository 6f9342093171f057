package org.consensusledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.context.i18n.SimpleLocaleContext;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

import java.time.Duration;
import java.util.Locale;

/**
 * The reader's language: the one chosen ({@code ?lang=}, {@link LanguageParameter}) and remembered in the cookie
 * {@code lang} (a year, the whole site, sent on links from elsewhere: {@code SameSite=Lax}), else the first of the
 * browser's {@code Accept-Language} that the application speaks, else English. Spring's cookie and
 * {@code Accept-Language} resolvers, kept to the languages of the bundles: a cookie or a choice naming any other
 * language (or nothing readable) is ignored, never an error.
 */
class LanguageResolver extends CookieLocaleResolver {

    private final Languages languages;

    LanguageResolver(Languages languages) {
        super(Languages.PARAMETER);
        this.languages = languages;
        setCookieMaxAge(Duration.ofDays(365));
        setCookiePath("/");
        setCookieSameSite("Lax");
        setCookieHttpOnly(true);
        setRejectInvalidCookies(false);
        AcceptHeaderLocaleResolver accepted = new AcceptHeaderLocaleResolver();
        accepted.setSupportedLocales(languages.supported());
        accepted.setDefaultLocale(Languages.BASE);
        setDefaultLocaleFunction(request -> languages.match(accepted.resolveLocale(request)).orElse(Languages.BASE));
    }

    /** A cookie naming a language not spoken here is as if there were none. */
    @Override
    protected Locale parseLocaleValue(String value) {
        return languages.parse(value).orElse(null);
    }

    /** Only a language spoken here is remembered (and shown); anything else changes nothing. */
    @Override
    public void setLocaleContext(HttpServletRequest request, HttpServletResponse response, LocaleContext context) {
        Locale requested = context == null ? null : context.getLocale();
        languages.match(requested).ifPresent(
                language -> super.setLocaleContext(request, response, new SimpleLocaleContext(language)));
    }
}
