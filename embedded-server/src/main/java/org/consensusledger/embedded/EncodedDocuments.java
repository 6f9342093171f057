package org.consensusledger.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The BSON each stored document was last read from or written as, kept with the document instance (by identity,
 * for as long as the instance lives) so that a commit does not encode it again. MVStore writes a changed page whole:
 * a leaf of a collection's map holds some thirty documents, and inserting one of them used to encode all thirty
 * again at the next commit; with this, the others are copied as they are.
 * <p>
 * Sound only while a stored document is not changed in place without {@link #forget}: mongo-java-server changes a
 * stored instance only in an update, which it ends by putting the instance back into the map
 * ({@code H2Collection.handleUpdate}); {@link BsonH2Backend}'s collection forgets it there, inside the same write,
 * and the next commit (which runs between writes, never during one) encodes it afresh.
 */
final class EncodedDocuments {

    private final ConcurrentHashMap<Key, byte[]> encoded = new ConcurrentHashMap<>();
    private final ReferenceQueue<Document> collected = new ReferenceQueue<>();

    /**
     * The BSON of {@code document}: the one remembered, or else encoded now and remembered; {@code null} if the
     * document holds a value BSON cannot.
     */
    byte[] bson(Document document) {
        byte[] bson = get(document);
        if (bson == null) {
            bson = encode(document);
            if (bson != null) {
                put(document, bson);
            }
        }
        return bson;
    }

    private static byte[] encode(Document document) {
        ByteBuf buffer = Unpooled.buffer(1_024);
        try {
            BsonEncoder.encodeDocument(document, buffer);
        } catch (RuntimeException notBson) {
            return null;
        }
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        return bytes;
    }

    /** The BSON {@code document} was last read from or written as, or {@code null} if unknown or forgotten. */
    byte[] get(Document document) {
        return encoded.get(new Probe(document));
    }

    /** Remembers that {@code document} is encoded as {@code bson} (which must not be changed afterwards). */
    void put(Document document, byte[] bson) {
        expunge();
        encoded.put(new Entry(document, collected), bson);
    }

    /** Forgets the encoding of {@code document}, which is about to be (or has been) changed in place. */
    void forget(Document document) {
        encoded.remove(new Probe(document));
    }

    /** How many documents have their encoding remembered (for tests). */
    int size() {
        expunge();
        return encoded.size();
    }

    private void expunge() {
        for (Object gone = collected.poll(); gone != null; gone = collected.poll()) {
            encoded.remove(gone);
        }
    }

    /** A document by identity: equal to another key of the same instance, whether weak or not. */
    private interface Key {
        Document document();
    }

    private static boolean same(Key key, Object other) {
        if (key == other) {
            return true;
        }
        if (!(other instanceof Key that)) {
            return false;
        }
        Document document = key.document();
        return document != null && document == that.document();
    }

    /** How a remembered encoding is held: the document weakly, so that an evicted page's documents can go. */
    private static final class Entry extends WeakReference<Document> implements Key {
        private final int hash;

        Entry(Document document, ReferenceQueue<Document> queue) {
            super(document, queue);
            hash = System.identityHashCode(document);
        }

        @Override
        public Document document() {
            return get();
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return same(this, other);
        }
    }

    /** How a document is looked up: held strongly for the moment of the lookup. */
    private record Probe(Document document) implements Key {
        @Override
        public int hashCode() {
            return System.identityHashCode(document);
        }

        @Override
        public boolean equals(Object other) {
            return same(this, other);
        }
    }
}
