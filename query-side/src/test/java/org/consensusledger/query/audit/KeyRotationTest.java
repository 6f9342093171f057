package org.consensusledger.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.model.Filters;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.KeyAnnouncement;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/**
 * A key rotation end to end on the query side: checkpoints signed with the first key, a next key prepared (as
 * {@code rotate-key} does), the announcement signed by both at the next start, checkpoints signed by the new key alone
 * after it, the old key kept retired, {@code /api/audit/keys} listing the chain; the verifier given the first key
 * follows the announcement (from the server, or given as a file), still verifies checkpoints saved before, and refuses
 * an announcement signed by the new key alone and a later checkpoint signed by the retired key.
 */
class KeyRotationTest {

    private static final String ORIGIN = "rotation.example/log";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theNewKeyIsAnnouncedByTheOldOneAndTheVerifierFollowsItButNotAForgery(@TempDir Path directory)
            throws Exception {
        String mongo = TestMongo.shared().connectionString(TestMongo.freshDatabaseName());
        Path keyFile = directory.resolve("keys").resolve("checkpoint-signing.key");
        String aggregate = UUID.randomUUID().toString();
        Path saved = directory.resolve("saved.txt");
        String oldVkey;
        try (ConfigurableApplicationContext first = start(mongo, keyFile)) {
            LedgerEventStorageEngine log = first.getBean(LedgerEventStorageEngine.class);
            for (int i = 0; i < 5; i++) {
                log.appendEvents(event(aggregate, i));
            }
            Checkpoints checkpoints = first.getBean(Checkpoints.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.latest()
                    .filter(latest -> latest.size() == 5).isPresent());
            Files.writeString(saved, checkpoints.latest().orElseThrow().note());
            oldVkey = first.getBean(CheckpointKey.class).vkey();
            assertThat(json(first, "/api/audit/keys").path("keys")).singleElement().satisfies(key -> {
                assertThat(key.path("vkey").asText()).isEqualTo(oldVkey);
                assertThat(key.path("current").asBoolean()).isTrue();
                assertThat(key.path("announcement").isNull()).isTrue();
            });
        }
        KeyText.SignerKey oldKey = KeyText.parseSignerKey(Files.readString(keyFile).strip());

        // rotate-key: the next key beside the current one, owner-only.
        KeyText.SignerKey next = KeyText.generate(ORIGIN);
        Path nextFile = keyFile.resolveSibling("checkpoint-signing.key.next");
        Files.writeString(nextFile, next.format() + "\n");
        Files.setPosixFilePermissions(nextFile, PosixFilePermissions.fromString("rw-------"));
        String newVkey = next.verifierKey().format();

        try (ConfigurableApplicationContext second = start(mongo, keyFile)) {
            String base = "http://localhost:" + ((WebServerApplicationContext) second).getWebServer().getPort();
            // The announcement: the checkpoint of the tree as it was (size 5), its last line naming the new key,
            // signed by the old key and the new one.
            JsonNode keys = json(second, "/api/audit/keys");
            assertThat(keys.path("origin").asText()).isEqualTo(ORIGIN);
            assertThat(keys.path("keys")).hasSize(2);
            assertThat(keys.path("keys").get(0).path("vkey").asText()).isEqualTo(oldVkey);
            assertThat(keys.path("keys").get(0).path("current").asBoolean()).isFalse();
            JsonNode announced = keys.path("keys").get(1);
            assertThat(announced.path("vkey").asText()).isEqualTo(newVkey);
            assertThat(announced.path("fingerprint").asText()).isEqualTo(KeyText.fingerprint(newVkey));
            assertThat(announced.path("current").asBoolean()).isTrue();
            assertThat(announced.path("announcedAtSize").asLong()).isEqualTo(5);
            String announcement = announced.path("announcement").asText();
            SignedNote note = new NoteVerifier(oldVkey).verify(announcement);
            new NoteVerifier(newVkey).verify(announcement);
            // The announcement carries its time line too, before the key line.
            assertThat(note.text()).contains("\n5\n" + java.util.Base64.getEncoder().encodeToString(
                    Checkpoint.parse(note.text()).rootHash()) + "\ntime ").endsWith("\nkey " + newVkey + "\n");
            assertThat(get(base + "/api/audit/vkey").strip()).isEqualTo(newVkey);
            // The "Verify this record" page lists both keys, the first first, and which checkpoint announced the new.
            String page = get(base + "/verify");
            int from = page.indexOf("<ol id=\"key-history\">");
            assertThat(from).isNotNegative();
            String history = page.substring(from, page.indexOf("</ol>", from));
            assertThat(page).contains("This log has had 2 keys.");
            assertThat(history).containsSubsequence("The first key", oldVkey, KeyText.fingerprint(oldVkey),
                                                    "Announced in the checkpoint of 5 events", "(signs now)", newVkey,
                                                    KeyText.fingerprint(newVkey));
            assertThat(history.split("\\(signs now\\)", -1)).as("one key signs now").hasSize(2);

            // The files: the new key signs, the old one is kept retired beside it, both owner-only.
            assertThat(KeyText.parseSignerKey(Files.readString(keyFile).strip())).isEqualTo(next);
            Path retired = keyFile.resolveSibling("checkpoint-signing.key.retired-" + KeyText.hex8(oldKey.keyId()));
            assertThat(KeyText.parseSignerKey(Files.readString(retired).strip())).isEqualTo(oldKey);
            assertThat(nextFile).doesNotExist();
            for (Path file : List.of(keyFile, retired)) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            }

            // After it, the new key signs alone.
            LedgerEventStorageEngine log = second.getBean(LedgerEventStorageEngine.class);
            for (int i = 5; i < 8; i++) {
                log.appendEvents(event(aggregate, i));
            }
            Checkpoints checkpoints = second.getBean(Checkpoints.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> checkpoints.latest()
                    .filter(latest -> latest.size() == 8).isPresent());
            SignedNote after = SignedNote.parse(checkpoints.latest().orElseThrow().note());
            assertThat(after.signatures()).singleElement()
                                          .satisfies(s -> assertThat(s.keyId()).isEqualTo(next.keyId()));

            // The verifier, trusting the first key only, follows the server's announcement; the checkpoint saved
            // before the rotation (signed by the old key) still verifies.
            assertThat(VerifierRun.run("--server", base, "--vkey", oldVkey, "--saved", saved.toString(),
                                       "--no-dossiers", "--quiet"))
                    .startsWith("0 VERIFIED 8 events").contains("1 saved checkpoint (size 5)");
            // Given the current key (as the /verify page shows it), the server's list vouches for the key before it,
            // up to its retirement: the checkpoint saved before the rotation verifies too.
            assertThat(VerifierRun.run("--server", base, "--vkey", newVkey, "--saved", saved.toString(),
                                       "--no-dossiers", "--quiet"))
                    .startsWith("0 VERIFIED 8 events").contains("1 saved checkpoint (size 5)");
            // Without the announcement the new key's checkpoints are not the log's; given as a file, they are.
            String[] offline = {"--events", base + "/api/audit/events", "--checkpoint", base + "/api/audit/checkpoint",
                    "--vkey", oldVkey, "--saved", saved.toString(), "--quiet"};
            assertThat(VerifierRun.run(offline)).startsWith("1 FAILED: the latest checkpoint")
                                                .contains("--key-announcement");
            Path announcementFile = Files.writeString(directory.resolve("announcement.txt"), announcement);
            assertThat(VerifierRun.run(with(offline, "--key-announcement", announcementFile.toString())))
                    .startsWith("0 VERIFIED 8 events");

            // A forged announcement, signed only by the key it announces, is refused.
            NoteSigner forger = new NoteSigner(KeyText.generate(ORIGIN));
            Checkpoint latest = Checkpoint.parse(after.text());
            String forged = forger.sign(new Checkpoint(ORIGIN, 8, latest.rootHash(), List.of(
                    KeyAnnouncement.line(forger.verifierKey()))).format());
            Path forgedFile = Files.writeString(directory.resolve("forged.txt"), forged);
            assertThat(VerifierRun.run("--server", base, "--vkey", oldVkey, "--key-announcement",
                                       forgedFile.toString(), "--no-dossiers", "--quiet"))
                    .startsWith("1 FAILED: the key announcement " + forgedFile)
                    .contains("not signed by a key already trusted");

            // The retired key cannot sign what comes after its retirement, even though the verifier trusts it.
            String byRetired = new NoteSigner(oldKey).sign(latest.format());
            Path byRetiredFile = Files.writeString(directory.resolve("by-retired.txt"), byRetired);
            assertThat(VerifierRun.run("--server", base, "--vkey", oldVkey, "--checkpoint", byRetiredFile.toString(),
                                       "--no-dossiers", "--quiet"))
                    .startsWith("1 FAILED: the latest checkpoint").contains("retired at size 5");

            // Given the old key with nothing saved, the key chain is the server's word: said loudly. Not when given
            // the newest key.
            assertThat(VerifierRun.run("--server", base, "--vkey", oldVkey, "--no-dossiers", "--quiet"))
                    .startsWith("0 VERIFIED 8 events").contains("THE LOG'S CURRENT KEY WAS TAKEN ON THE SERVER'S WORD")
                    .contains("Give the NEWEST key");
            assertThat(VerifierRun.run("--server", base, "--vkey", newVkey, "--no-dossiers", "--quiet"))
                    .startsWith("0 VERIFIED 8 events").doesNotContain("SERVER'S WORD");

            // The retired key, leaked, hands the log on to a key of its own in an announcement whose root is not the
            // log's at its size: the announcement's root is checked against the export like a saved checkpoint's.
            NoteSigner evil = new NoteSigner(KeyText.generate(ORIGIN));
            byte[] wrongRoot = latest.rootHash().clone();
            wrongRoot[0] ^= 1;
            String evilAnnouncement = KeyAnnouncement.sign(new Checkpoint(ORIGIN, 5, wrongRoot, List.of()),
                                                           new NoteSigner(oldKey), evil);
            Path evilAnnouncementFile = Files.writeString(directory.resolve("evil-announcement.txt"),
                                                          evilAnnouncement);
            Path evilLatest = Files.writeString(directory.resolve("evil-latest.txt"), evil.sign(latest.format()));
            assertThat(VerifierRun.run("--events", base + "/api/audit/events", "--checkpoint", evilLatest.toString(),
                                       "--vkey", oldVkey, "--key-announcement", evilAnnouncementFile.toString(),
                                       "--quiet"))
                    .startsWith("1 FAILED: the log no longer extends the checkpoint that announced a key rotation")
                    .contains("of size 5");
        }

        // A crash after the announcement was stored, before the files were moved: the next start completes the move
        // and announces nothing again.
        Path retired = keyFile.resolveSibling("checkpoint-signing.key.retired-" + KeyText.hex8(oldKey.keyId()));
        Files.move(keyFile, nextFile);
        Files.move(retired, keyFile);
        try (ConfigurableApplicationContext third = start(mongo, keyFile)) {
            assertThat(KeyText.parseSignerKey(Files.readString(keyFile).strip())).isEqualTo(next);
            assertThat(KeyText.parseSignerKey(Files.readString(retired).strip())).isEqualTo(oldKey);
            assertThat(nextFile).doesNotExist();
            assertThat(json(third, "/api/audit/keys").path("keys")).hasSize(2);
        }

        // The retired key put back in place does not sign on: the log handed on to the new one.
        Files.copy(retired, keyFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThatThrownBy(() -> start(mongo, keyFile).close()).rootCause()
                .hasMessageContaining("is not the log's current key").hasMessageContaining(newVkey);
    }

    @Test
    void aRetiredKeyNeitherSignsOnNorAnnouncesAgainAndAnAnnouncementIsNeverReplaced(@TempDir Path directory)
            throws Exception {
        String mongo = TestMongo.shared().connectionString(TestMongo.freshDatabaseName());
        String aggregate = UUID.randomUUID().toString();
        Path keyA = directory.resolve("a").resolve("checkpoint-signing.key");
        try (ConfigurableApplicationContext a = start(mongo, keyA)) {
            LedgerEventStorageEngine log = a.getBean(LedgerEventStorageEngine.class);
            for (int i = 0; i < 5; i++) {
                log.appendEvents(event(aggregate, i));
            }
            Checkpoints signer = a.getBean(Checkpoints.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> signer.latest()
                    .filter(latest -> latest.size() == 5).isPresent());
            KeyText.SignerKey first = KeyText.parseSignerKey(Files.readString(keyA).strip());

            // Another instance, with a copy of the key and a next one prepared, rotates while A runs.
            KeyText.SignerKey second = KeyText.generate(ORIGIN);
            Path keyB = keyFiles(directory.resolve("b"), first, second);
            try (ConfigurableApplicationContext b = start(mongo, keyB)) {
                assertThat(b.getBean(CheckpointKey.class).vkey()).isEqualTo(second.verifierKey().format());
            }
            String announcement = announcementAt(a, 5);
            assertThat(announcement).as("announced at size 5").isNotNull()
                                    .contains("\nkey " + second.verifierKey().format() + "\n\n");

            // The current key with a third prepared, the log not grown since: the announcement at size 5 is not
            // replaced; the current key signs on and the prepared one waits.
            KeyText.SignerKey third = KeyText.generate(ORIGIN);
            Path nextB = keyB.resolveSibling("checkpoint-signing.key.next");
            Files.writeString(nextB, third.format() + "\n");
            Files.setPosixFilePermissions(nextB, PosixFilePermissions.fromString("rw-------"));
            try (ConfigurableApplicationContext b = start(mongo, keyB)) {
                assertThat(b.getBean(CheckpointKey.class).vkey()).isEqualTo(second.verifierKey().format());
            }
            assertThat(announcementAt(a, 5)).isEqualTo(announcement);
            assertThat(nextB).exists();
            Files.delete(nextB);

            // A, still running with the retired key, signs no more once the log grows, and says so.
            for (int i = 5; i < 8; i++) {
                log.appendEvents(event(aggregate, i));
            }
            MerkleLog tree = a.getBean(MerkleLog.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> tree.tree().size() == 8);
            signer.signIfGrown();
            assertThat(signer.ofSize(8)).as("nothing signed by the retired key").isEmpty();
            assertThat(signer.retirement()).hasValueSatisfying(reason -> assertThat(reason)
                    .contains("has been retired").contains(second.verifierKey().format()));
            assertThat(a.getBean(SigningKeyHealth.class).health().getStatus().getCode()).isEqualTo("DOWN");

            // The retired key with a key of someone's choosing prepared announces nothing: the latest checkpoint is
            // the announcement that retired it (signed by it too), which proves nothing about being current.
            Path keyC = keyFiles(directory.resolve("c"), first, KeyText.generate(ORIGIN));
            assertThatThrownBy(() -> start(mongo, keyC).close()).rootCause()
                    .hasMessageContaining("is not the log's current key")
                    .hasMessageContaining(second.verifierKey().format());
            assertThat(announcementAt(a, 5)).isEqualTo(announcement);
        }
    }

    /** A keys folder holding {@code current} and {@code next} prepared, owner-only; returns the key file. */
    private static Path keyFiles(Path folder, KeyText.SignerKey current, KeyText.SignerKey next) throws Exception {
        Files.createDirectories(folder);
        Path file = folder.resolve("checkpoint-signing.key");
        Files.writeString(file, current.format() + "\n");
        Files.writeString(folder.resolve("checkpoint-signing.key.next"), next.format() + "\n");
        for (Path written : List.of(file, folder.resolve("checkpoint-signing.key.next"))) {
            Files.setPosixFilePermissions(written, PosixFilePermissions.fromString("rw-------"));
        }
        return file;
    }

    /** The announcement kept with the checkpoint of {@code size}, as stored. */
    private static String announcementAt(ConfigurableApplicationContext context, long size) {
        org.bson.Document stored = context.getBean(LedgerDatabase.class)
                .journaled(LedgerCollection.LOG_CHECKPOINTS).find(Filters.eq("_id", size)).first();
        assertThat(stored).as("the checkpoint of size %d", size).isNotNull();
        return stored.getString(KeyRotation.ANNOUNCEMENT);
    }

    private static ConfigurableApplicationContext start(String mongo, Path keyFile) {
        return new SpringApplicationBuilder(QuerySideApplication.class).run(
                "--server.port=0", "--spring.mongodb.uri=" + mongo, "--ledger.audit.key-file=" + keyFile,
                "--ledger.audit.origin=" + ORIGIN);
    }

    private static String[] with(String[] arguments, String... more) {
        String[] all = new String[arguments.length + more.length];
        System.arraycopy(arguments, 0, all, 0, arguments.length);
        System.arraycopy(more, 0, all, arguments.length, more.length);
        return all;
    }

    private static JsonNode json(ConfigurableApplicationContext context, String path) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                                             .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
    }
}
