package org.consensusledger.eventlog;

import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.bson.io.BasicOutputBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.consensusledger.eventlog.EventLogSchema.EVENTS;
import static org.consensusledger.eventlog.EventLogSchema.ID;
import static org.consensusledger.eventlog.EventLogSchema.SIZE;
import static org.consensusledger.eventlog.EventLogSchema.STREAM_KEYS;

/**
 * The stored document of one or more units of work appended together: {@code _id} = the global position of its first
 * event, {@code size}, {@code streamKeys} (only when an event belongs to an aggregate) and {@code events}, in this
 * order, each event with its global position. The units' events are already encoded ({@link PreparedCommit}); this
 * only copies their bytes behind each other and writes the positions, so the writer that serves every appending thread
 * does no encoding. A document of one unit is byte for byte the document a unit has always been stored as.
 */
final class CommitDocument {

    /** Events per document when several units share one: a reader resuming mid-document looks this far back. */
    static final int MAX_SHARED_EVENTS = CommitReader.BACKWARD_PROBE;
    /** Bytes of events per document when several units share one; MongoDB's limit is 16 MiB. */
    static final int MAX_SHARED_BYTES = 4 * 1024 * 1024;

    private CommitDocument() {
    }

    /** Whether {@code next} may join a document already holding {@code events} events of {@code bytes} bytes. */
    static boolean fits(int events, int bytes, PreparedCommit next) {
        return events == 0 || (events + next.size() <= MAX_SHARED_EVENTS
                && bytes + next.byteSize() <= MAX_SHARED_BYTES);
    }

    /** The document of {@code units}, whose first event takes global position {@code firstPosition}. */
    static RawBsonDocument of(List<PreparedCommit> units, long firstPosition) {
        int events = 0;
        int bytes = 0;
        boolean anyKeys = false;
        for (PreparedCommit unit : units) {
            events += unit.size();
            bytes += unit.byteSize();
            anyKeys |= !unit.streamKeys().isEmpty();
        }
        BasicOutputBuffer out = new BasicOutputBuffer(bytes + 64 * events + 64);
        out.writeInt32(0);
        element(out, BsonType.INT64, ID);
        out.writeInt64(firstPosition);
        element(out, BsonType.INT32, SIZE);
        out.writeInt32(events);
        if (anyKeys) {
            element(out, BsonType.ARRAY, STREAM_KEYS);
            int array = out.getPosition();
            out.writeInt32(0);
            int index = 0;
            for (PreparedCommit unit : units) {
                for (String key : unit.streamKeys()) {
                    element(out, BsonType.STRING, Integer.toString(index++));
                    out.writeString(key);
                }
            }
            end(out, array);
        }
        element(out, BsonType.ARRAY, EVENTS);
        int array = out.getPosition();
        out.writeInt32(0);
        int[] positionOffsets = new int[events];
        int index = 0;
        for (PreparedCommit unit : units) {
            for (int i = 0; i < unit.size(); i++) {
                element(out, BsonType.DOCUMENT, Integer.toString(index));
                positionOffsets[index++] = out.getPosition() + PreparedCommit.POSITION_VALUE_OFFSET;
                out.writeBytes(unit.event(i));
            }
        }
        end(out, array);
        end(out, 0);
        byte[] document = out.toByteArray();
        ByteBuffer patch = ByteBuffer.wrap(document).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < events; i++) {
            patch.putLong(positionOffsets[i], firstPosition + i);
        }
        return new RawBsonDocument(document);
    }

    private static void element(BasicOutputBuffer out, BsonType type, String name) {
        out.writeByte(type.getValue());
        out.writeCString(name);
    }

    /** Closes the document or array that starts at {@code start}: terminator, then its length in front. */
    private static void end(BasicOutputBuffer out, int start) {
        out.writeByte(0);
        out.writeInt32(start, out.getPosition() - start);
    }
}
