package org.consensusledger.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the embedded server's H2 file stores the keys of its unique indexes (mongo-java-server's {@link KeyValue}, the
 * index's field values, normalised by the backend: numbers as doubles, null and missing as null): a tag byte and
 * the value's bytes per field, compared value by value without encoding anything.
 *
 * <p>H2's generic {@link ObjectDataType}, which the backend opens its index maps with, serialises every key with an
 * {@code ObjectOutputStream}, both to store it and to compare two keys ({@code KeyValue} is not {@code Comparable}):
 * every step of every index lookup serialised two keys, a third of the server's time under appends. The order here
 * has no meaning to MongoDB (the backend only looks keys up, puts them if absent, removes them, counts them and, for a
 * regular expression, scans them all); what it must be is a total order whose equality is the equality the backend's
 * unique index relied on so far: the same normalised values of the same Java types, in the same order (within an
 * embedded document too). 1, 1L and 1.0 are one key because the backend normalises them to 1.0 before it looks them
 * up or stores them, as it did before. A value of a type not listed below is written and compared as
 * {@code ObjectDataType} does it (Java serialisation), after every listed type.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    private static final byte NULL = 0;
    private static final byte FALSE = 1;
    private static final byte TRUE = 2;
    private static final byte DOUBLE = 3;
    private static final byte LONG = 4;
    private static final byte INTEGER = 5;
    private static final byte STRING = 6;
    private static final byte OBJECT_ID = 7;
    private static final byte INSTANT = 8;
    private static final byte UUID_VALUE = 9;
    private static final byte BYTES = 10;
    private static final byte DOCUMENT = 11;
    private static final byte LIST = 12;
    /** Anything else: written and compared by {@link ObjectDataType}. */
    private static final byte OTHER = 127;

    private final ObjectDataType others = new ObjectDataType();

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int byValue = compareValues(a.get(i), b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private int compareValues(Object a, Object b) {
        if (a == b) {
            return 0;
        }
        byte tagA = tag(a);
        byte tagB = tag(b);
        if (tagA != tagB) {
            return Byte.compare(tagA, tagB);
        }
        return switch (tagA) {
            case DOUBLE -> Double.compare((Double) a, (Double) b);
            case LONG -> Long.compare((Long) a, (Long) b);
            case INTEGER -> Integer.compare((Integer) a, (Integer) b);
            case STRING -> ((String) a).compareTo((String) b);
            case OBJECT_ID -> ((ObjectId) a).compareTo((ObjectId) b);
            case INSTANT -> ((Instant) a).compareTo((Instant) b);
            case UUID_VALUE -> compareUuids((UUID) a, (UUID) b);
            case BYTES -> java.util.Arrays.compare((byte[]) a, (byte[]) b);
            case DOCUMENT -> compareDocuments((Document) a, (Document) b);
            case LIST -> compareLists((List<?>) a, (List<?>) b);
            case OTHER -> others.compare(a, b);
            default -> 0; // NULL, FALSE, TRUE: the tag is the value
        };
    }

    /** By both halves as unsigned numbers ({@link UUID#compareTo} compares them signed; either is a total order). */
    private static int compareUuids(UUID a, UUID b) {
        int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
    }

    /** Field by field in the documents' order (name, then value), as MongoDB compares embedded documents. */
    private int compareDocuments(Document a, Document b) {
        Iterator<Map.Entry<String, Object>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, Object>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, Object> l = left.next();
            Map.Entry<String, Object> r = right.next();
            int byName = l.getKey().compareTo(r.getKey());
            if (byName != 0) {
                return byName;
            }
            int byValue = compareValues(l.getValue(), r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Boolean.compare(left.hasNext(), right.hasNext());
    }

    private int compareLists(List<?> a, List<?> b) {
        int common = Math.min(a.size(), b.size());
        for (int i = 0; i < common; i++) {
            int byValue = compareValues(a.get(i), b.get(i));
            if (byValue != 0) {
                return byValue;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    private static byte tag(Object value) {
        if (value == null) {
            return NULL;
        }
        // By exact class: a subclass may have an equality of its own, which Java serialisation kept apart.
        Class<?> type = value.getClass();
        if (type == String.class) {
            return STRING;
        } else if (type == Double.class) {
            return DOUBLE;
        } else if (type == Long.class) {
            return LONG;
        } else if (type == Integer.class) {
            return INTEGER;
        } else if (type == Boolean.class) {
            return (Boolean) value ? TRUE : FALSE;
        } else if (type == ObjectId.class) {
            return OBJECT_ID;
        } else if (type == Instant.class) {
            return INSTANT;
        } else if (type == UUID.class) {
            return UUID_VALUE;
        } else if (type == byte[].class) {
            return BYTES;
        } else if (type == Document.class) {
            return DOCUMENT;
        } else if (type == ArrayList.class || type.getName().startsWith("java.util.ImmutableCollections$List")) {
            return LIST;
        }
        return OTHER;
    }

    @Override
    public int getMemory(KeyValue key) {
        int memory = 48;
        for (Object value : key) {
            memory += value instanceof String text ? 48 + 2 * text.length() : 32;
        }
        return memory;
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            writeValue(buffer, value);
        }
    }

    private void writeValue(WriteBuffer buffer, Object value) {
        byte tag = tag(value);
        buffer.put(tag);
        switch (tag) {
            case DOUBLE -> buffer.putDouble((Double) value);
            case LONG -> buffer.putLong((Long) value);
            case INTEGER -> buffer.putInt((Integer) value);
            case STRING -> writeString(buffer, (String) value);
            case OBJECT_ID -> buffer.put(((ObjectId) value).toByteArray());
            case INSTANT -> buffer.putLong(((Instant) value).getEpochSecond()).putInt(((Instant) value).getNano());
            case UUID_VALUE -> buffer.putLong(((UUID) value).getMostSignificantBits())
                                     .putLong(((UUID) value).getLeastSignificantBits());
            case BYTES -> buffer.putVarInt(((byte[]) value).length).put((byte[]) value);
            case DOCUMENT -> {
                Document document = (Document) value;
                buffer.putVarInt(document.size());
                for (Map.Entry<String, Object> field : document.entrySet()) {
                    writeString(buffer, field.getKey());
                    writeValue(buffer, field.getValue());
                }
            }
            case LIST -> {
                List<?> list = (List<?>) value;
                buffer.putVarInt(list.size());
                for (Object element : list) {
                    writeValue(buffer, element);
                }
            }
            case OTHER -> others.write(buffer, value);
            default -> {
                // NULL, FALSE, TRUE: the tag is the value
            }
        }
    }

    private static void writeString(WriteBuffer buffer, String text) {
        buffer.putVarInt(text.length()).putStringData(text, text.length());
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(buffer));
        }
        return new KeyValue(values);
    }

    private Object readValue(ByteBuffer buffer) {
        byte tag = buffer.get();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case DOUBLE -> buffer.getDouble();
            case LONG -> buffer.getLong();
            case INTEGER -> buffer.getInt();
            case STRING -> DataUtils.readString(buffer);
            case OBJECT_ID -> {
                byte[] bytes = new byte[12];
                buffer.get(bytes);
                yield new ObjectId(bytes);
            }
            case INSTANT -> {
                long seconds = buffer.getLong();
                yield Instant.ofEpochSecond(seconds, buffer.getInt());
            }
            case UUID_VALUE -> {
                long high = buffer.getLong();
                yield new UUID(high, buffer.getLong());
            }
            case BYTES -> {
                byte[] bytes = new byte[DataUtils.readVarInt(buffer)];
                buffer.get(bytes);
                yield bytes;
            }
            case DOCUMENT -> {
                int fields = DataUtils.readVarInt(buffer);
                Document document = new Document();
                for (int i = 0; i < fields; i++) {
                    String name = DataUtils.readString(buffer);
                    document.put(name, readValue(buffer));
                }
                yield document;
            }
            case LIST -> {
                int elements = DataUtils.readVarInt(buffer);
                List<Object> list = new ArrayList<>(elements);
                for (int i = 0; i < elements; i++) {
                    list.add(readValue(buffer));
                }
                yield list;
            }
            case OTHER -> others.read(buffer);
            default -> throw new IllegalStateException("Unknown index key tag " + tag + " in the data file");
        };
    }
}
