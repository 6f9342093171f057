package org.consensusledger.embedded;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The BSON remembered with stored documents: by identity, forgotten on request and when a document is gone. */
class EncodedDocumentsTest {

    private final EncodedDocuments encoded = new EncodedDocuments();

    @Test
    void aDocumentIsKnownByIdentityNotByContent() {
        Document stored = new Document("_id", 1);
        byte[] bson = {1, 2, 3};
        encoded.put(stored, bson);

        assertThat(encoded.get(stored)).isSameAs(bson);
        assertThat(encoded.get(new Document("_id", 1))).isNull();
    }

    @Test
    void aForgottenDocumentIsEncodedAgain() {
        Document stored = new Document("_id", 1);
        encoded.put(stored, new byte[] {1});
        stored.put("changed", true);
        encoded.forget(stored);

        assertThat(encoded.get(stored)).isNull();
    }

    @Test
    void documentsNoLongerHeldAnywhereAreDropped() {
        for (int i = 0; i < 1_000; i++) {
            encoded.put(new Document("_id", i), new byte[16]);
        }
        Document kept = new Document("_id", "kept");
        encoded.put(kept, new byte[16]);

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            System.gc();
            return encoded.size() == 1;
        });
        assertThat(encoded.get(kept)).hasSize(16);
    }
}
