package org.consensusledger.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index key type orders keys totally, and two keys are one exactly when the backend's unique index took them
 * for one before (H2's {@link ObjectDataType}: the same Java-serialised bytes), over many generated keys of every
 * value type an index key holds, normalised as the backend normalises them. (jqwik is not among the project's test
 * libraries: the keys come from a seeded {@link Random}, the seed in each failure's message.)
 */
class IndexKeyTypeTest {

    private static final long SEED = 20261205L;
    private static final int KEYS = 400;

    private final IndexKeyType type = new IndexKeyType();
    private final ObjectDataType before = new ObjectDataType();

    @Test
    void twoKeysAreOneExactlyWhenTheyWereOneBeforeAndTheOrderIsTotal() {
        Random random = new Random(SEED);
        List<KeyValue> keys = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            KeyValue key = key(random);
            keys.add(key);
            keys.add(roundTrip(key)); // an equal key read back from the file
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int order = type.compare(a, b);
                assertThat(order == 0).as("%s vs %s (seed %s)", a, b, SEED).isEqualTo(before.compare(a, b) == 0);
                assertThat(Integer.signum(order)).as("%s vs %s", a, b).isEqualTo(-Integer.signum(type.compare(b, a)));
            }
        }
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(type);
        for (int i = 0; i < sorted.size(); i++) {
            for (int j = i + 1; j < sorted.size(); j++) {
                assertThat(type.compare(sorted.get(i), sorted.get(j))).as("transitive").isLessThanOrEqualTo(0);
            }
        }
    }

    @Test
    void everyKeyReadsBackEqual() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < KEYS; i++) {
            KeyValue key = key(random);
            KeyValue read = roundTrip(key);
            assertThat(type.compare(key, read)).as("%s read back as %s", key, read).isZero();
            assertThat(before.compare(key, read)).as("%s read back as %s", key, read).isZero();
        }
    }

    @Test
    void numbersEqualInMongoDbAreOneKeyAndNullIsMissing() {
        KeyValue one = new KeyValue(1).normalized();
        assertThat(type.compare(one, new KeyValue(1L).normalized())).isZero();
        assertThat(type.compare(one, new KeyValue(1.0).normalized())).isZero();
        assertThat(type.compare(new KeyValue(-0.0).normalized(), new KeyValue(0).normalized())).isZero();
        assertThat(type.compare(one, new KeyValue(2).normalized())).isNotZero();
        assertThat(type.compare(new KeyValue("a", 1L).normalized(), new KeyValue("a", 1.0).normalized())).isZero();
        assertThat(type.compare(new KeyValue(new Document("n", 1)).normalized(),
                                new KeyValue(new Document("n", 1.0)).normalized())).isZero();
        assertThat(type.compare(new KeyValue(List.of(1, 2L)).normalized(),
                                new KeyValue(List.of(1.0, 2.0)).normalized())).isZero();
        assertThat(type.compare(new KeyValue(Arrays.asList((Object) null)).normalized(),
                                new KeyValue(Missing.getInstance()).normalized())).isZero();
        long beyondDoubles = (1L << 53) + 1;
        assertThat(type.compare(new KeyValue(beyondDoubles).normalized(),
                                new KeyValue(beyondDoubles + 1).normalized())).isNotZero();
        // Embedded documents are one key only with their fields in the same order, as before.
        assertThat(type.compare(new KeyValue(new Document("a", 1).append("b", 2)),
                                new KeyValue(new Document("b", 2).append("a", 1)))).isNotZero();
    }

    private KeyValue roundTrip(KeyValue key) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, key);
        return type.read(buffer.getBuffer().flip());
    }

    private static KeyValue key(Random random) {
        int size = 1 + random.nextInt(3);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            values.add(value(random, 2));
        }
        return new KeyValue(values).normalized();
    }

    /**
     * A new string each time: Java serialisation writes an object met twice in one key as a reference to the first,
     * so equal keys whose values were shared differently had different bytes before; no key the backend makes
     * shares values so (it decodes each from BSON), and the new type ignores sharing.
     */
    private static String text(Random random, List<String> choices) {
        return new String(choices.get(random.nextInt(choices.size())));
    }

    /** From small domains, so that equal keys come up often. */
    private static Object value(Random random, int depth) {
        int kinds = depth > 0 ? 16 : 14;
        return switch (random.nextInt(kinds)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt(4) - 1;
            case 3 -> (long) random.nextInt(4) - 1;
            case 4 -> random.nextInt(4) / 2.0 - 0.5;
            case 5 -> (1L << 60) + random.nextInt(3); // no double holds it: stays a long
            case 6 -> text(random, List.of("", "a", "b", "ab", "é", "\uD83D\uDE00"));
            case 7 -> new ObjectId(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, (byte) random.nextInt(3)});
            case 8 -> Instant.ofEpochSecond(1_700_000_000L + random.nextInt(3), random.nextInt(2) * 500);
            case 9 -> new UUID(random.nextInt(2) - 1, random.nextInt(3));
            case 10 -> new byte[] {(byte) random.nextInt(2), (byte) random.nextInt(2)};
            case 11 -> new BigDecimal(random.nextInt(3)); // a type without a tag of its own
            case 12 -> new Date(1_000L * random.nextInt(3)); // another type without a tag of its own
            case 13 -> Missing.getInstance();
            case 14 -> {
                Document document = new Document();
                int fields = random.nextInt(3);
                for (int f = 0; f < fields; f++) {
                    document.put(text(random, List.of("x", "y")), value(random, depth - 1));
                }
                yield document;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                int elements = random.nextInt(3);
                for (int e = 0; e < elements; e++) {
                    list.add(value(random, depth - 1));
                }
                yield list;
            }
        };
    }
}
