package org.consensusledger.embedded;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
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
 */
class BsonDocumentType extends ObjectDataType {

    /** Unused by {@link ObjectDataType}, whose tags are 0–19, 32–49 and 64–119. */
    static final byte BSON_DOCUMENT = (byte) 0xC0;
    private static final int INITIAL_SIZE_ESTIMATE = 1_024;

    /** A running average of the encoded size, as {@code ObjectDataType} keeps for serialised objects. */
    private volatile int averageSize = INITIAL_SIZE_ESTIMATE;

    @Override
    public int getMemory(Object value) {
        return value instanceof Document ? averageSize : super.getMemory(value);
    }

    @Override
    public void write(WriteBuffer buffer, Object value) {
        if (!(value instanceof Document document)) {
            super.write(buffer, value);
            return;
        }
        ByteBuf bson = Unpooled.buffer(averageSize + 64);
        try {
            BsonEncoder.encodeDocument(document, bson);
        } catch (RuntimeException notBson) {
            super.write(buffer, value); // a value BSON cannot hold: stored as before
            return;
        }
        int size = bson.readableBytes();
        averageSize = (size + 15 * averageSize) / 16;
        buffer.put(BSON_DOCUMENT);
        buffer.put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
    }

    @Override
    public Object read(ByteBuffer buffer) {
        if (buffer.get(buffer.position()) != BSON_DOCUMENT) {
            return super.read(buffer);
        }
        int start = buffer.position() + 1;
        int size = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN).getInt(start); // BSON starts with its length
        ByteBuffer bson = buffer.duplicate();
        bson.position(start).limit(start + size);
        buffer.position(start + size);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }
}
