package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
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

    public static BsonValue toBson(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                BsonDocument document = new BsonDocument();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    document.append(field.getKey(), toBson(field.getValue()));
                }
                yield document;
            }
            case ARRAY -> {
                BsonArray array = new BsonArray();
                node.forEach(element -> array.add(toBson(element)));
                yield array;
            }
            case STRING -> new BsonString(node.textValue());
            case BOOLEAN -> BsonBoolean.valueOf(node.booleanValue());
            case NULL, MISSING -> BsonNull.VALUE;
            case NUMBER -> number(node);
            case BINARY, POJO -> throw new IllegalArgumentException(
                    "The event log stores JSON only; a " + node.getNodeType() + " node cannot be stored");
        };
    }

    private static BsonValue number(JsonNode node) {
        if (node.isInt() || node.isShort()) {
            return new BsonInt32(node.intValue());
        }
        if (node.isLong()) {
            return new BsonInt64(node.longValue());
        }
        if (node.isDouble() || node.isFloat()) {
            return new BsonDouble(node.doubleValue());
        }
        // BigInteger and BigDecimal: kept exact as decimals (34 significant digits).
        return new BsonDecimal128(new Decimal128(new BigDecimal(node.numberValue().toString())));
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
