package org.consensusledger.launcher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.launcher.BrowserLedger.HTTP;
import static org.consensusledger.launcher.BrowserLedger.chairToken;
import static org.consensusledger.launcher.BrowserLedger.openMeeting;
import static org.consensusledger.launcher.BrowserLedger.page;
import static org.consensusledger.launcher.BrowserLedger.post;
import static org.consensusledger.launcher.BrowserLedger.proposal;
import static org.consensusledger.launcher.BrowserLedger.site;
import static org.consensusledger.launcher.BrowserLedger.status;

/**
 * The auditor's way, in Chromium: from the home page's footer to "Verify this record", whose verifier jar the test
 * downloads from the ledger over HTTP (its SHA-256 is the one the page shows) and runs with {@code java -jar} as the
 * page says: it verifies the log and warns that no checkpoint was saved; saved, the checkpoint makes a strict run
 * pass, a meeting's sealed minutes included. A step's proof link opens the page that explains the proof, the raw
 * proof a click away; the accessibility statement. axe-core finds nothing on the three pages, at 360 px nothing
 * scrolls sideways.
 */
class AuditorBrowserIT {

    @BeforeAll
    static void theSharedLedger() throws Exception {
        BrowserLedger.start();
    }

    @Test
    void theVerifierDownloadedFromTheLedgerVerifiesItsLog() throws Exception {
        String meeting = openMeeting("Audited session");
        proposal(meeting, "Audit trail");
        post("/api/meetings/" + meeting + "/closing", chairToken, Map.of());
        Path dir = Files.createTempDirectory("auditor");
        try (Browser reader = new Browser()) {
            reader.open(site + "/");
            reader.find("footer.site a[href='/verify']").click();
            reader.awaitText("h1", "Verify this record");
            page(reader, "site-verify");

            String shownSha = reader.text("#verifier-sha256");
            String href = reader.find("#verifier-jar").getAttribute("href");
            assertThat(href).isEqualTo(site + "/verify/consensus-ledger-verifier.jar");
            String command = reader.text("#verify-command");
            String save = reader.text("#save-command");

            // Downloaded from the ledger itself, over HTTP: the bytes whose SHA-256 the page shows.
            HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(URI.create(href)).build(),
                                                      HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(download.body())))
                    .isEqualTo(shownSha);
            Files.write(dir.resolve("consensus-ledger-verifier.jar"), download.body());

            // Run as the page says: verified, with the warning that no checkpoint was saved.
            assertThat(command).startsWith("java -jar consensus-ledger-verifier.jar --server " + site + " --vkey '");
            Run verified = shell(dir, command);
            assertThat(verified.code()).as(verified.toString()).isZero();
            assertThat(verified.out()).startsWith("VERIFIED ").contains("matches the checkpoint signed by");
            assertThat(verified.err()).contains("WARNING: NO SAVED CHECKPOINT");

            // Saved as the page says, the checkpoint makes a strict run pass, the meeting's sealed minutes checked too.
            assertThat(save).startsWith("curl -s " + site + "/api/audit/checkpoint > checkpoint-");
            Files.writeString(dir.resolve("saved.txt"), BrowserLedger.get(site + "/api/audit/checkpoint"),
                              StandardCharsets.UTF_8);
            await().atMost(Duration.ofSeconds(30)).until(() -> BrowserLedger.get(
                    site + "/api/audit/aggregates/" + meeting + "/events").contains("MinutesSealed"));
            Run strict = shell(dir, command + " --saved saved.txt --require-saved-checkpoint --meeting " + meeting
                    + " --quiet");
            assertThat(strict.code()).as(strict.toString()).isZero();
            assertThat(strict.out()).contains("1 saved checkpoint (size ", "the checkpoint that seals the minutes of "
                    + "meeting " + meeting);
            assertThat(strict.err()).doesNotContain("WARNING");
        }
    }

    @Test
    void aStepsProofLinkOpensThePageThatExplainsItAndTheRawProofIsOneClickAway() throws Exception {
        String meeting = openMeeting("Proved session");
        String proposal = proposal(meeting, "Proved principle");
        try (Browser reader = new Browser()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> status(site + "/proposals/" + proposal) == 200);
            reader.open(site + "/proposals/" + proposal + "/timeline");
            String href = reader.find("a[href^='/audit/proofs/']").getAttribute("href");
            await().atMost(Duration.ofSeconds(30)).until(() -> status(href) == 200);
            reader.find("a[href^='/audit/proofs/']").click();
            reader.awaitText("h1", "is in the signed log");
            assertThat(reader.text("main")).contains("Proposal submitted", "The last hash is the checkpoint's root",
                                                     "--event ");
            page(reader, "site-proof");

            reader.find("#raw-proof").click();
            reader.await(d -> d.getPageSource().contains("c2sp.org/tlog-proof@v1"));

            reader.open(site + "/");
            reader.find("footer.site a[href='/accessibility']").click();
            reader.awaitText("h1", "Accessibility");
            assertThat(reader.text("main")).contains("WCAG) 2.2, level AA", "axe-core", "Report a problem");
            page(reader, "site-accessibility");
        }
    }

    private record Run(int code, String out, String err) {
    }

    /** Runs a command line as a reader would in a shell, in {@code dir}, with this JVM's java first on the PATH. */
    private static Run shell(Path dir, String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of("bash", "-c", command)))
                .directory(dir.toFile());
        builder.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        // The verifier remembers what it verified in the test's directory, not in the home of whoever runs the tests.
        builder.environment().put("XDG_STATE_HOME", dir.resolve("verifier-state").toString());
        builder.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("the verifier ends within two minutes").isTrue();
        return new Run(process.exitValue(), Files.readString(dir.resolve("out.txt")),
                       Files.readString(dir.resolve("err.txt")));
    }
}
