package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.BsonValue;
import org.bson.BsonWriter;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Converts between Jackson trees and BSON values without passing through MongoDB's extended JSON, so that a payload
 * is stored as a readable document yet comes back exactly as it was written: no {@code $date}/{@code $oid}
 * interpretation of user text, integers stay integers, decimals stay decimals.
 */
public final class BsonJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private BsonJson() {
    }

    /** Writes {@code node} as the next BSON value of {@code writer} (after its field name, or in an array). */
    public static void write(BsonWriter writer, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                writer.writeStartDocument();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    writer.writeName(field.getKey());
                    write(writer, field.getValue());
                }
                writer.writeEndDocument();
            }
            case ARRAY -> {
                writer.writeStartArray();
                node.forEach(element -> write(writer, element));
                writer.writeEndArray();
            }
            case STRING -> writer.writeString(node.textValue());
            case BOOLEAN -> writer.writeBoolean(node.booleanValue());
            case NULL, MISSING -> writer.writeNull();
            case NUMBER -> writeNumber(writer, node);
            case BINARY, POJO -> throw new IllegalArgumentException(
                    "The event log stores JSON only; a " + node.getNodeType() + " node cannot be stored");
        }
    }

    private static void writeNumber(BsonWriter writer, JsonNode node) {
        if (node.isInt() || node.isShort()) {
            writer.writeInt32(node.intValue());
        } else if (node.isLong()) {
            writer.writeInt64(node.longValue());
        } else if (node.isDouble() || node.isFloat()) {
            writer.writeDouble(node.doubleValue());
        } else {
            // BigInteger and BigDecimal: kept exact as decimals (34 significant digits).
            writer.writeDecimal128(new Decimal128(new BigDecimal(node.numberValue().toString())));
        }
    }

    public static JsonNode toJson(BsonValue value) {
        return switch (value.getBsonType()) {
            case DOCUMENT -> {
                ObjectNode object = NODES.objectNode();
                value.asDocument().forEach((key, field) -> object.set(key, toJson(field)));
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                value.asArray().forEach(element -> array.add(toJson(element)));
                yield array;
            }
            case STRING -> NODES.textNode(value.asString().getValue());
            case BOOLEAN -> NODES.booleanNode(value.asBoolean().getValue());
            case NULL -> NODES.nullNode();
            case INT32 -> NODES.numberNode(value.asInt32().getValue());
            case INT64 -> NODES.numberNode(value.asInt64().getValue());
            case DOUBLE -> NODES.numberNode(value.asDouble().getValue());
            case DECIMAL128 -> decimal(value.asDecimal128().getValue().bigDecimalValue());
            default -> throw new IllegalArgumentException(
                    "Unexpected BSON type " + value.getBsonType() + " in a stored event");
        };
    }

    private static JsonNode decimal(BigDecimal decimal) {
        if (decimal.scale() <= 0) {
            return NODES.numberNode(decimal.toBigIntegerExact());
        }
        return NODES.numberNode(decimal);
    }
}
