package org.consensusledger.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * How the embedded server's H2 file stores a collection's documents: as BSON, the form they arrive and leave in,
 * instead of the Java serialisation H2's {@link ObjectDataType} uses for them (an {@code ObjectOutputStream} per
 * document, most of the cost of writing a page). A stored BSON document starts with a tag byte that
 * {@code ObjectDataType} never writes; everything else, and every value written before this type was used, is read
 * and written as {@code ObjectDataType} does, so existing data files stay readable. (A file written with this type
 * cannot be opened by the plain H2 backend of mongo-java-server.)
 * <p>
 * A document's BSON is remembered with the document ({@link EncodedDocuments}) when it is read or first written, so
 * that writing a page again copies the BSON of the documents in it that did not change instead of encoding them.
 */
class BsonDocumentType extends ObjectDataType {

    /** Unused by {@link ObjectDataType}, whose tags are 0–19, 32–49 and 64–119. */
    static final byte BSON_DOCUMENT = (byte) 0xC0;
    private static final int INITIAL_SIZE_ESTIMATE = 1_024;

    /** A running average of the encoded size, as {@code ObjectDataType} keeps for serialised objects. */
    private volatile int averageSize = INITIAL_SIZE_ESTIMATE;
    private final EncodedDocuments encoded;

    BsonDocumentType(EncodedDocuments encoded) {
        this.encoded = encoded;
    }

    /** A document and the BSON remembered with it: about twice its encoded size. */
    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? 2 * averageSize : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        byte[] bson = value instanceof Document document ? encoded.bson(document) : null;
        if (bson == null) {
            super.write(buffer, value); // not a document, or a value BSON cannot hold: stored as before
            return;
        }
        averageSize = (bson.length + 15 * averageSize) / 16;
        buffer.put(BSON_DOCUMENT);
        buffer.put(bson);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_DOCUMENT) {
            return super.read(buffer);
        }
        int start = buffer.position() + 1;
        int size = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start); // BSON starts with its length
        byte[] bson = new byte[size];
        buffer.position(start);
        buffer.get(bson);
        Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
        encoded.put(document, bson);
        return document;
    }
}
