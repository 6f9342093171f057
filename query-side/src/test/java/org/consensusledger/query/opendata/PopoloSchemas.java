package org.consensusledger.query.opendata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Popolo project's JSON schemas (test resources {@code popolo/}, see SOURCE.md there), for validating exports.
 * They are draft 03; networknt's validator reads draft 04 on, so each is read with its draft-03
 * {@code "required": true} properties moved into draft 04's {@code required} list, the one difference between the
 * drafts these schemas use. Every {@code $ref} to {@code http://www.popoloproject.com/schemas/} is one of the files.
 */
final class PopoloSchemas {

    private static final String PREFIX = "http://www.popoloproject.com/schemas/";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_4, builder -> builder.schemas(PopoloSchemas::draft4));

    /** The errors found validating {@code instance} against the schema of that name, e.g. {@code organization}. */
    List<Error> errors(String name, JsonNode instance) {
        Schema schema = registry.getSchema(SchemaLocation.of(PREFIX + name + ".json#"));
        return schema.validate(instance.toString(), InputFormat.JSON);
    }

    /** The schema at {@code iri}, as draft 04; null for any other address (nothing is fetched). */
    static String draft4(String iri) {
        if (!iri.startsWith(PREFIX)) {
            return null;
        }
        String file = iri.substring(PREFIX.length()).replace("#", "");
        try (InputStream in = PopoloSchemas.class.getResourceAsStream("/popolo/" + file)) {
            if (in == null) {
                return null;
            }
            ObjectNode schema = (ObjectNode) JSON.readTree(in);
            schema.put("$schema", "http://json-schema.org/draft-04/schema#");
            moveRequired(schema);
            return schema.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveRequired(ObjectNode schema) {
        JsonNode properties = schema.get("properties");
        if (properties instanceof ObjectNode byName) {
            ArrayNode required = JSON.createArrayNode();
            Iterator<Map.Entry<String, JsonNode>> fields = byName.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue() instanceof ObjectNode property && property.has("required")
                        && property.get("required").isBoolean()) {
                    if (property.get("required").asBoolean()) {
                        required.add(field.getKey());
                    }
                    property.remove("required");
                }
            }
            if (!required.isEmpty()) {
                schema.set("required", required);
            }
        }
    }
}
