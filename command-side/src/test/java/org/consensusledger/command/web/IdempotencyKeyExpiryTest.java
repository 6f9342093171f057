package org.consensusledger.command.web;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerNode;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idempotency keys expire ({@code ledger.api.idempotency-key-ttl}): an answered key is replayed until then and is a
 * new request's after; a claim that a running request holds is never dropped, however old; the TTL index follows the
 * setting. On a clock the test moves.
 */
class IdempotencyKeyExpiryTest {

    private static final Duration TTL = Duration.ofHours(1);

    private final MongoDatabase mongo = TestMongo.shared().freshDatabase();
    private final LedgerDatabase database = new LedgerDatabase(mongo);
    private final MovingClock clock = new MovingClock(Instant.parse("2026-03-01T09:00:00Z"));
    private final IdempotencyStore store = new IdempotencyStore(database, new LedgerNode("this-instance"), TTL, clock);

    @Test
    void anAnsweredKeyIsReplayedUntilItExpiresThenItIsANewRequests() {
        IdempotencyStore.Claim first = store.claim("account key", "fingerprint", 10);
        assertThat(first).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        store.complete("account key", 201, Map.of("Location", "/api/organisations/1"), "{\"id\":\"1\"}");
        store.finished("account key");

        clock.move(TTL.minusSeconds(1));
        assertThat(store.claim("account key", "fingerprint", 12))
                .isEqualTo(new IdempotencyStore.Claim.Stored("fingerprint", 201,
                                                              Map.of("Location", "/api/organisations/1"),
                                                              "{\"id\":\"1\"}"));

        clock.move(Duration.ofSeconds(1));
        IdempotencyStore.Claim again = store.claim("account key", "another request", 13);
        assertThat(again).isInstanceOf(IdempotencyStore.Claim.Claimed.class);
        assertThat(((IdempotencyStore.Claim.Claimed) again).logHead()).isEqualTo(13);
        assertThat(((IdempotencyStore.Claim.Claimed) again).idSeed())
                .as("ids of the new request are not the first one's")
                .isNotEqualTo(((IdempotencyStore.Claim.Claimed) first).idSeed());
    }

    @Test
    void expiredKeysArePurgedAndKeysOfRunningRequestsAreKept() {
        store.claim("answered", "f", 0);
        store.complete("answered", 200, Map.of(), "");
        store.finished("answered");
        store.claim("running", "f", 0);
        keys().insertOne(new Document("_id", "interrupted").append("fingerprint", "f").append("state", "PENDING")
                                                          .append("claimedAt", java.util.Date.from(clock.instant()))
                                                          .append("instance", "a-process-that-died")
                                                          .append("logHead", 0L));
        clock.move(TTL.minusSeconds(1));
        assertThat(store.purge()).isZero();

        clock.move(Duration.ofDays(2));
        assertThat(store.purge()).as("the answered and the interrupted key").isEqualTo(2);
        assertThat(ids()).as("the claim a request still holds, however old").containsExactly("running");
    }

    @Test
    void theTtlIndexFollowsTheSetting() {
        new IdempotencyKeyExpiry(database, store);
        assertThat(expireAfterSeconds()).isEqualTo(3600L);

        new IdempotencyKeyExpiry(database, new IdempotencyStore(database, new LedgerNode("restarted"),
                                                                Duration.ofHours(24), clock));

        assertThat(expireAfterSeconds()).isEqualTo(86400L);
    }

    private Object expireAfterSeconds() {
        for (Document index : keys().listIndexes()) {
            if (IdempotencyKeyExpiry.TTL_INDEX.equals(index.getString("name"))) {
                assertThat(index.get("key", Document.class)).isEqualTo(new Document("completedAt", 1));
                return index.get("expireAfterSeconds") instanceof Number seconds ? seconds.longValue() : null;
            }
        }
        throw new AssertionError("no TTL index");
    }

    private MongoCollection<Document> keys() {
        return mongo.getCollection("idempotency_keys");
    }

    private List<Object> ids() {
        List<Object> ids = new ArrayList<>();
        keys().find().forEach(key -> ids.add(key.get("_id")));
        return ids;
    }

    private static final class MovingClock implements InstantSource {
        private Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
