package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;
import static org.awaitility.Awaitility.await;

/**
 * The console in the co-chair's language: from {@code Accept-Language}, or chosen with {@code ?lang=} (before or
 * after signing in) and remembered in the cookie {@code lang}: its pages, its dates and its scripts' texts.
 */
class ConsoleLanguagesTest extends CommandApiTest {

    @Test
    void theSignInPageFollowsAcceptLanguageAndAChoiceIsRemembered() {
        ApiClient.Response french = api.send("GET", "/console/sign-in", null, null, "Accept-Language", "fr-FR");
        assertThat(french.status()).isEqualTo(200);
        assertThat(oneLine(french.text())).contains("<html lang=\"fr\" dir=\"ltr\">", "<h1>Connexion</h1>")
                                          .contains("<nav class=\"languages\" aria-label=\"Langue\">")
                                          .contains("aria-current=\"true\">Français</a>");

        ApiClient.Response spanish = api.send("GET", "/console/sign-in?lang=es", null, null,
                                              "Accept-Language", "fr-FR");
        assertThat(spanish.text()).contains("<html lang=\"es\" dir=\"ltr\">", "<h1>Iniciar sesión</h1>");
        assertThat(spanish.headers().allValues("Set-Cookie")).anySatisfy(
                cookie -> assertThat(cookie).startsWith("lang=es;").contains("Path=/", "SameSite=Lax"));

        ApiClient.Response hostile = api.send("GET", "/console/sign-in?lang=../../x", null, null,
                                              "Cookie", "lang=zz");
        assertThat(hostile.status()).isEqualTo(200);
        assertThat(hostile.text()).contains("<html lang=\"en\" dir=\"ltr\">", "<h1>Sign in</h1>");
        assertThat(hostile.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("lang="));
    }

    @Test
    void aSignedInCoChairReadsTheScreensTheirDatesAndTheScriptsTextsInTheChosenLanguage() {
        String rights = organisation("Droits ouverts", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Plénière", "kind", "PLENARY",
                                                                  "mandate", "Décider")).id();
        api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", rights));
        api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId", rights));
        String chair = delegateOf(rights);
        String meeting = api.post("/api/meetings", chair, fields("bodyId", body, "title", "Séance 7",
                                                                 "startsAt", "2026-12-01T09:00:00Z",
                                                                 "format", "VIRTUAL")).id();
        ConsoleVisitor visitor = ConsoleVisitor.signedIn(port, chair);

        String chosen = visitor.page("/console?lang=fr");
        assertThat(chosen).contains("<html lang=\"fr\" dir=\"ltr\">", "Connecté pour Droits ouverts");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(visitor.page("/console/bodies/" + body)).contains("Séance 7")
                                                                        .contains("1 déc. 2026 09:00 UTC")
                                                                        .contains("prévue"));
        assertThat(visitor.page("/console/meetings/" + meeting))
                .contains("<html lang=\"fr\" dir=\"ltr\">")
                .contains("data-key=\"blockingMany\">{0} objections sans suite bloquent une déclaration de "
                                  + "consensus approximatif.</span>")
                .contains("data-key=\"saved\">enregistré</span>");
        assertThat(visitor.page("/console/bodies/" + body + "/meetings?lang=es"))
                .contains("<html lang=\"es\" dir=\"ltr\">", "Reuniones de Plénière", "1 dic 2026 09:00 UTC");
    }

    private static String oneLine(String page) {
        return page.replaceAll("\\s+", " ");
    }
}
