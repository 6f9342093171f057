package org.consensusledger.query.projection;

import org.bson.BsonReader;
import org.bson.BsonWriter;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.consensusledger.eventlog.StoredTimestamps;

import java.time.Instant;

/**
 * Instants in read models as the log stores them: fixed-width UTC text with nanoseconds. A BSON date keeps only
 * milliseconds, so a {@code recordedAt} shown to the public, or used for {@code asOf}, would no longer be the one in
 * the log; the fixed width keeps text order equal to time order for range filters.
 */
final class ExactInstantCodec implements Codec<Instant> {

    @Override
    public void encode(BsonWriter writer, Instant value, EncoderContext context) {
        writer.writeString(StoredTimestamps.format(value));
    }

    @Override
    public Instant decode(BsonReader reader, DecoderContext context) {
        return StoredTimestamps.parse(reader.readString());
    }

    @Override
    public Class<Instant> getEncoderClass() {
        return Instant.class;
    }
}
