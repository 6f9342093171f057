package org.consensusledger.command.console;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's pages are well-formed where a fragment gives them their head: one {@code <head>}, one
 * {@code <title>} (a fragment selector named like an element would take every such element of the fragments file).
 */
class ConsolePageMarkupTest extends CommandApiTest {

    private static final Pattern HEAD = Pattern.compile("<head[\\s>]");
    private static final Pattern TITLE = Pattern.compile("<title[\\s>]");
    private static final Pattern HEADER = Pattern.compile("<header[\\s>]");

    @Test
    void pagesWithTheSharedHeadOrHeaderHaveOneOfEach() {
        ApiClient.Response signIn = api.send("GET", "/console/sign-in", null, null);
        assertThat(signIn.status()).isEqualTo(200);
        ConsoleVisitor secretariatAtTheConsole = ConsoleVisitor.signedIn(port, secretariat);

        assertThat(secretariatAtTheConsole.get("/console/meetings/no-such-meeting").status()).isEqualTo(404);
        for (String page : new String[] {signIn.text(), secretariatAtTheConsole.page("/console"),
                                         secretariatAtTheConsole.get("/console/meetings/no-such-meeting").text()}) {
            assertThat(HEAD.matcher(page).results().count()).as(page).isEqualTo(1);
            assertThat(TITLE.matcher(page).results().count()).as(page).isEqualTo(1);
            assertThat(HEADER.matcher(page).results().count()).as(page).isEqualTo(1);
        }
    }
}
