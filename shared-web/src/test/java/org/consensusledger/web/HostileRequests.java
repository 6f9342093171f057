package org.consensusledger.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Hostile requests for every operation of an OpenAPI description, as a tester who did not write the API would send
 * them: invalid ids in each path parameter (long, with a line break, NUL, dot segments, bidirectional overrides, an
 * encoded lone surrogate, operator injection), hostile values in each query parameter by its type (extreme and
 * negative numbers, extreme instants, control characters, regular-expression metacharacters, huge strings), and for a
 * JSON body malformed JSON and, field by field, every wrong JSON type, texts with control, bidirectional and
 * non-Unicode characters, texts beyond their limit and beyond the request limit, extreme instants, numbers for enums;
 * and bad headers (Accept, Content-Type, Idempotency-Key, If-Match, Authorization). Everything else in a request is
 * valid, so that each hostile value is what the ledger has to deal with.
 */
public final class HostileRequests {

    /** One request: its path and query already percent-encoded; {@code body} null when there is none. */
    public record Request(String what, String method, String path, Map<String, String> headers, String body) {

        @Override
        public String toString() {
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + " (" + what + ")";
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JSON_TYPE = "application/json";

    /** Hostile path segments, percent-encoded as a client would send them. */
    public static final List<String> IDS = List.of(
            "x".repeat(5_000), "x".repeat(9_000), "abc%0Aforged", "abc%0D%0AX-Injected:%201", "%00", "abc%00def",
            "..", "%2E%2E", "..%2F..%2Fetc", "%E2%80%AE", "%C2%85", "%07", "%C3%A9t%C3%A9", "%F0%9F%98%80",
            "%ED%A0%80", "%FF%FE", "%EF%BF%BF", "%7B%22%24gt%22%3A%22%22%7D", "%24gt", ".%2A", "%28", "%5C", "%25",
            "%20", "1;x=y", "-1", "99999999999999999999");

    private static final List<String> INTEGERS = List.of(
            "-1", "-5", "0", "2147483647", "2147483648", "9223372036854775807", "-9223372036854775808",
            "99999999999999999999", "1.5", "1e3", "abc", "", "%00", "0x10");
    private static final List<String> TEXTS = List.of(
            "x".repeat(201), "x".repeat(5_000), "%00", "%0A", "%07", "%C2%85", "%E2%80%AE", "%EF%BF%BF", "%ED%A0%80",
            ".%2A", "%28", "%5C", "%5C%5C", "%5B", "%24gt", "%7B%22%24gt%22%3A%22%22%7D", "%24where", "%25", "",
            "%20%20");
    private static final List<String> INSTANTS = List.of(
            "%2B1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "1969-12-31T23:59:59Z",
            "2200-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "%2B10000-01-01T00:00:00Z", "yesterday", "0", "-1",
            "1e10", "2026-13-45T99:99:99Z", "%00");
    private static final List<String> PAGING = List.of(
            "page=-1", "page=2147483647&size=100", "page=2147483647", "size=0", "size=1000000", "size=-1",
            "limit=-5", "limit=0", "from=9223372036854775807", "from=-1", "page=10001&size=100");

    private HostileRequests() {
    }

    /**
     * The hostile requests for every operation of {@code openApi}. {@code valid} gives a valid value for a parameter:
     * {@code valid.apply(pathTemplate, "path:id")}, {@code "query:body"}, {@code "body:organisationId"}; null for any
     * text.
     */
    public static List<Request> of(JsonNode openApi, BiFunction<String, String, String> valid) {
        List<Request> requests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = openApi.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                requests.addAll(new Operation(openApi, path.getKey(), operation.getKey().toUpperCase(),
                                              operation.getValue(), valid).hostile());
            }
        }
        return requests;
    }

    /** The hostile requests for pages that no OpenAPI describes: path and query parameters named by the caller. */
    public static List<Request> forPage(String template, List<String> textParameters, List<String> instantParameters,
                                        List<String> integerParameters, BiFunction<String, String, String> valid) {
        ObjectNode operation = JsonNodeFactory.instance.objectNode();
        var parameters = operation.putArray("parameters");
        java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (variables.find()) {
            parameters.addObject().put("name", variables.group(1)).put("in", "path").putObject("schema")
                      .put("type", "string");
        }
        textParameters.forEach(name -> parameters.addObject().put("name", name).put("in", "query")
                                                 .putObject("schema").put("type", "string"));
        instantParameters.forEach(name -> parameters.addObject().put("name", name).put("in", "query")
                                                    .putObject("schema").put("type", "string")
                                                    .put("format", "date-time"));
        integerParameters.forEach(name -> parameters.addObject().put("name", name).put("in", "query")
                                                    .putObject("schema").put("type", "integer"));
        return new Operation(JsonNodeFactory.instance.objectNode(), template, "GET", operation, valid).hostile();
    }

    /** One operation and the values that make a request to it valid. */
    private static final class Operation {

        private final JsonNode openApi;
        private final String template;
        private final String method;
        private final JsonNode operation;
        private final BiFunction<String, String, String> valid;
        private final List<JsonNode> parameters = new ArrayList<>();

        Operation(JsonNode openApi, String template, String method, JsonNode operation,
                  BiFunction<String, String, String> valid) {
            this.openApi = openApi;
            this.template = template;
            this.method = method;
            this.operation = operation;
            this.valid = valid;
            operation.path("parameters").forEach(parameters::add);
        }

        List<Request> hostile() {
            List<Request> requests = new ArrayList<>();
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                switch (parameter.path("in").asText()) {
                    case "path" -> IDS.forEach(id -> requests.add(
                            request("path " + name + "=" + shown(id), Map.of(name, id), Map.of(), baseHeaders(),
                                    baseBody())));
                    case "query" -> valuesFor(parameter.path("schema")).forEach(value -> requests.add(
                            request("query " + name + "=" + shown(value), Map.of(), Map.of(name, value),
                                    baseHeaders(), baseBody())));
                    default -> {
                    }
                }
            }
            if (parameters.stream().anyMatch(p -> p.path("in").asText().equals("query"))) {
                for (String paging : PAGING) {
                    requests.add(request("paging " + paging, Map.of(), Map.of("", paging), baseHeaders(), baseBody()));
                }
            }
            requests.addAll(hostileHeaders());
            JsonNode schema = bodySchema();
            if (schema != null) {
                requests.addAll(hostileBodies(schema));
            }
            return requests;
        }

        private List<String> valuesFor(JsonNode schema) {
            String type = schema.path("type").asText();
            if (type.equals("integer") || type.equals("number")) {
                return INTEGERS;
            }
            if (schema.path("format").asText().equals("date-time")) {
                return INSTANTS;
            }
            List<String> values = new ArrayList<>(TEXTS);
            if (schema.has("maxLength")) {
                values.add("x".repeat(schema.path("maxLength").asInt() + 1));
            }
            return values;
        }

        private List<Request> hostileHeaders() {
            List<Request> requests = new ArrayList<>();
            Map<String, String> variants = new LinkedHashMap<>();
            variants.put("Accept", "application/xml");
            variants.put("Accept ", "text/html;q=1, application/json;q=0");
            variants.put("Accept  ", "not a media type");
            variants.put("Idempotency-Key", "");
            variants.put("Idempotency-Key ", "k".repeat(300));
            variants.put("If-Match", "garbage");
            variants.put("If-Match ", "\"99999999999999999999\"");
            variants.put("If-Match  ", "W/\"-1\"");
            variants.put("If-None-Match", "garbage");
            variants.put("Authorization", "Bearer " + "x".repeat(5_000));
            variants.put("Authorization ", "Basic YWRtaW46YWRtaW4=");
            variants.forEach((header, value) -> {
                Map<String, String> headers = new LinkedHashMap<>(baseHeaders());
                headers.put(header.trim(), value);
                requests.add(request("header " + header.trim() + ": " + shown(value), Map.of(), Map.of(), headers,
                                     baseBody()));
            });
            if (bodySchema() != null) {
                for (String contentType : List.of("text/plain", "application/xml",
                                                  "application/json;charset=ISO-8859-1",
                                                  "application/x-www-form-urlencoded", "garbage")) {
                    Map<String, String> headers = new LinkedHashMap<>(baseHeaders());
                    headers.put("Content-Type", contentType);
                    requests.add(request("header Content-Type: " + contentType, Map.of(), Map.of(), headers,
                                         baseBody()));
                }
            }
            return requests;
        }

        private List<Request> hostileBodies(JsonNode schema) {
            List<Request> requests = new ArrayList<>();
            for (String malformed : List.of("{", "{\"a\": }", "[1, 2]", "\"text\"", "null", "", "{} {}",
                                            "{\"a\": 1} trailing", "{\"a\": 1,}", "{'a': 1}", "{\"a\": NaN}")) {
                requests.add(request("body " + shown(malformed), Map.of(), Map.of(), baseHeaders(), malformed));
            }
            ObjectNode base = baseObject(schema);
            ObjectNode unknown = base.deepCopy().put("unknownField", 1);
            requests.add(request("body with an unknown field", Map.of(), Map.of(), baseHeaders(), unknown.toString()));
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            if (properties.hasNext()) {
                String first = schema.path("properties").fieldNames().next();
                String duplicated = base.toString().replaceFirst("^\\{", "{\"" + first + "\": null, ");
                requests.add(request("body with " + first + " twice", Map.of(), Map.of(), baseHeaders(), duplicated));
            }
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                for (String value : bodyValuesFor(property.getValue())) {
                    String body = withRawValue(base, property.getKey(), value);
                    requests.add(request("body " + property.getKey() + "=" + shown(value), Map.of(), Map.of(),
                                         baseHeaders(), body));
                }
            }
            return requests;
        }

        private static List<String> bodyValuesFor(JsonNode schema) {
            List<String> values = new ArrayList<>(List.of("true", "3", "3.5", "[]", "{}", "{\"$gt\": \"\"}",
                                                          "[\"x\"]", "-1e400"));
            String type = schema.path("type").asText();
            if (schema.has("enum")) {
                values.addAll(List.of("0", "\"0\"", "\"" + schema.path("enum").get(0).asText().toLowerCase() + "\"",
                                      "\"\"", "\"UNKNOWN\""));
            } else if (type.equals("integer")) {
                values.addAll(List.of("\"2\"", "2.5", "2.0", "1e400", "99999999999999999999", "-1",
                                      "-9223372036854775808", "\"\"", "null"));
            } else if (schema.path("format").asText().equals("date-time")) {
                values.addAll(List.of("\"+1000000000-12-31T23:59:59.999999999Z\"", "\"-1000000000-01-01T00:00:00Z\"",
                                      "\"2200-01-01T00:00:00Z\"", "\"1969-12-31T23:59:59Z\"", "12345",
                                      "\"yesterday\"", "\"\""));
            } else if (type.equals("string")) {
                values.addAll(List.of("\"a\\u0007b\"", "\"a\\u0000b\"", "\"a\\u0085b\"", "\"a\\u001bb\"",
                                      "\"a\\ud800b\"", "\"a\\udc00\"", "\"a\\u202eb\"", "\"a\\u2066b\"",
                                      "\"a\\uffffb\"", "\"a\\ufdd0b\"", "\"\"", "\"   \"", "null",
                                      "\"" + "x".repeat(schema.path("maxLength").asInt(100_000) + 1) + "\"",
                                      "\"" + "x".repeat(600_000) + "\""));
            }
            return values;
        }

        private Request request(String what, Map<String, String> pathValues, Map<String, String> queryValues,
                                Map<String, String> headers, String body) {
            StringBuilder path = new StringBuilder();
            java.util.regex.Matcher variables = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
            while (variables.find()) {
                String name = variables.group(1);
                String value = pathValues.containsKey(name) ? pathValues.get(name)
                        : encoded(validValue("path:" + name));
                variables.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(value));
            }
            variables.appendTail(path);
            List<String> query = new ArrayList<>();
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                if (!parameter.path("in").asText().equals("query")) {
                    continue;
                }
                if (queryValues.containsKey(name)) {
                    query.add(name + "=" + queryValues.get(name));
                } else if (parameter.path("required").asBoolean()) {
                    query.add(name + "=" + encoded(validQueryValue(parameter)));
                }
            }
            if (queryValues.containsKey("")) {
                query.add(queryValues.get(""));
            }
            return new Request(what, method, path + (query.isEmpty() ? "" : "?" + String.join("&", query)),
                               headers, body);
        }

        private String validQueryValue(JsonNode parameter) {
            String type = parameter.path("schema").path("type").asText();
            String given = valid.apply(template, "query:" + parameter.path("name").asText());
            if (given != null) {
                return given;
            }
            return type.equals("integer") ? "0" : parameter.path("schema").path("format").asText().equals("date-time")
                    ? "2026-01-10T09:00:00Z" : "x";
        }

        private String validValue(String parameter) {
            String given = valid.apply(template, parameter);
            return given == null ? "unknown" : given;
        }

        private Map<String, String> baseHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Accept", JSON_TYPE);
            return headers;
        }

        private String baseBody() {
            JsonNode schema = bodySchema();
            return schema == null ? null : baseObject(schema).toString();
        }

        private JsonNode bodySchema() {
            JsonNode schema = operation.path("requestBody").path("content").path(JSON_TYPE).path("schema");
            if (schema.isMissingNode()) {
                return null;
            }
            return resolve(schema);
        }

        private JsonNode resolve(JsonNode schema) {
            String ref = schema.path("$ref").asText("");
            if (ref.startsWith("#/components/schemas/")) {
                return openApi.path("components").path("schemas").path(ref.substring("#/components/schemas/".length()));
            }
            return schema;
        }

        /** A body the schema accepts: ids from {@code valid}, the first enum value, plain texts and instants. */
        private ObjectNode baseObject(JsonNode schema) {
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                 properties.hasNext(); ) {
                Map.Entry<String, JsonNode> property = properties.next();
                JsonNode type = resolve(property.getValue());
                String given = valid.apply(template, "body:" + property.getKey());
                if (given != null) {
                    body.put(property.getKey(), given);
                } else if (type.has("enum")) {
                    body.put(property.getKey(), type.path("enum").get(0).asText());
                } else if (type.path("type").asText().equals("integer")) {
                    body.put(property.getKey(), 1);
                } else if (type.path("format").asText().equals("date-time")) {
                    body.put(property.getKey(), "2026-01-10T09:00:00Z");
                } else if (type.path("type").asText().equals("string")) {
                    body.put(property.getKey(), "Hostile test");
                }
            }
            return body;
        }

        private static String withRawValue(ObjectNode base, String field, String rawValue) {
            ObjectNode copy = base.deepCopy();
            copy.put(field, "\u0000PLACEHOLDER\u0000");
            try {
                return JSON.writeValueAsString(copy).replace("\"\\u0000PLACEHOLDER\\u0000\"", rawValue);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static String encoded(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String shown(String value) {
        return value.length() > 40 ? value.substring(0, 20) + "…(" + value.length() + " characters)" : value;
    }
}
