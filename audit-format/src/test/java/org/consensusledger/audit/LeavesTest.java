package org.consensusledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.events.LedgerJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The canonical bytes and leaf hash of a stored event. */
class LeavesTest {

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    /** A stored event as exported, fields in no particular order, with the leaf hash the export adds. */
    private static final String EXPORTED = """
            {
              "payload": {"title": "Budget \\u00e9t\\u00e9 \\ud83d\\ude00", "votes": 3, "quorum": 0.50, "big": 1E3,
                          "note": "line\\nbreak \\"q\\" </tag>", "\\ufb01": "x", "\\ud83d\\ude00": [1, 2.0],
                          "\\u00e9": null, "z": true},
              "globalPosition": 41,
              "eventId": "e-1",
              "aggregateId": "agg-1",
              "aggregateType": "Proposal",
              "sequenceNumber": 0,
              "payloadType": "org.consensusledger.events.proposal.ProposalTabled",
              "payloadRevision": "1",
              "timestamp": "2026-03-11T17:00:00.123456789Z",
              "metadata": {"traceId": "t", "correlationId": "c"},
              "leafHash": "bac2fd52b4fe3ae3b686dd090b1e62cc1e9e0859745cce584a843885654f9b51"
            }
            """;

    /**
     * RFC 8785 by hand: keys sorted by UTF-16 code units (so U+1F600, a surrogate pair, before U+FB01), numbers in
     * their shortest form, strings unescaped except for quote, backslash and control characters.
     */
    private static final String CANONICAL = "{\"aggregateId\":\"agg-1\",\"aggregateType\":\"Proposal\",\"eventId\":\"e-1\","
            + "\"globalPosition\":41,\"metadata\":{\"correlationId\":\"c\",\"traceId\":\"t\"},"
            + "\"payload\":{\"big\":1000,\"note\":\"line\\nbreak \\\"q\\\" </tag>\",\"quorum\":0.5,"
            + "\"title\":\"Budget \u00e9t\u00e9 \ud83d\ude00\",\"votes\":3,\"z\":true,\"\u00e9\":null,"
            + "\"\ud83d\ude00\":[1,2],\"\ufb01\":\"x\"},\"payloadRevision\":\"1\","
            + "\"payloadType\":\"org.consensusledger.events.proposal.ProposalTabled\",\"sequenceNumber\":0,"
            + "\"timestamp\":\"2026-03-11T17:00:00.123456789Z\"}";

    /** SHA-256(0x00 ‖ CANONICAL), computed outside Java. */
    private static final String LEAF_HASH = "bac2fd52b4fe3ae3b686dd090b1e62cc1e9e0859745cce584a843885654f9b51";

    private static JsonNode read(String json) throws Exception {
        return MAPPER.readTree(json);
    }

    @Test
    void canonicalBytesAreRfc8785WithoutTheLeafHash() throws Exception {
        byte[] bytes = Leaves.canonicalBytes(read(EXPORTED));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
        assertThat(HexFormat.of().formatHex(Leaves.leafHash(read(EXPORTED)))).isEqualTo(LEAF_HASH);
    }

    @Test
    void fieldOrderWhitespaceAndTheLeafHashFieldDoNotMatter() throws Exception {
        ObjectNode reordered = MAPPER.createObjectNode();
        JsonNode original = read(EXPORTED);
        java.util.List<String> names = new java.util.ArrayList<>();
        original.fieldNames().forEachRemaining(names::add);
        java.util.Collections.reverse(names);
        for (String name : names) {
            if (!name.equals("leafHash")) {
                reordered.set(name, original.get(name));
            }
        }
        assertThat(Leaves.canonicalBytes(reordered)).isEqualTo(Leaves.canonicalBytes(original));
        assertThat(Leaves.canonicalBytes(read(MAPPER.writeValueAsString(reordered))))
                .isEqualTo(CANONICAL.getBytes(StandardCharsets.UTF_8));

        ObjectNode otherLeafHash = reordered.deepCopy().put("leafHash", "anything else");
        assertThat(Leaves.leafHash(otherLeafHash)).isEqualTo(Leaves.leafHash(original));
        assertThat(original.has("leafHash")).as("the input is not modified").isTrue();
    }

    @Test
    void aLeafHashFieldInsideThePayloadIsKept() throws Exception {
        byte[] bytes = Leaves.canonicalBytes(read("{\"eventId\":\"e\",\"payload\":{\"leafHash\":\"x\"}}"));
        assertThat(new String(bytes, StandardCharsets.UTF_8))
                .isEqualTo("{\"eventId\":\"e\",\"payload\":{\"leafHash\":\"x\"}}");
    }

    @Test
    void absentAndNullFieldsAreWhatTheExportSays() throws Exception {
        String withoutAggregate = "{\"globalPosition\":7,\"eventId\":\"e-7\",\"payloadType\":\"T\","
                + "\"payloadRevision\":null,\"timestamp\":\"2026-01-01T00:00:00Z\",\"payload\":{},\"metadata\":{}}";
        assertThat(new String(Leaves.canonicalBytes(read(withoutAggregate)), StandardCharsets.UTF_8))
                .isEqualTo("{\"eventId\":\"e-7\",\"globalPosition\":7,\"metadata\":{},\"payload\":{},"
                        + "\"payloadRevision\":null,\"payloadType\":\"T\",\"timestamp\":\"2026-01-01T00:00:00Z\"}");
        String revisionAbsent = withoutAggregate.replace("\"payloadRevision\":null,", "");
        assertThat(Leaves.leafHash(read(revisionAbsent))).isNotEqualTo(Leaves.leafHash(read(withoutAggregate)));
    }

    @Test
    void everyChangeChangesTheLeaf() throws Exception {
        byte[] leaf = Leaves.leafHash(read(EXPORTED));
        assertThat(Leaves.leafHash(read(EXPORTED.replace("\"votes\": 3", "\"votes\": 4")))).isNotEqualTo(leaf);
        assertThat(Leaves.leafHash(read(EXPORTED.replace("\"e-1\"", "\"e-2\"")))).isNotEqualTo(leaf);
        assertThat(Leaves.leafHash(read(EXPORTED.replace("\"votes\": 3", "\"votes\": \"3\"")))).isNotEqualTo(leaf);
    }

    @Test
    void refusesWhatRfc8785WouldChangeOrCannotHold() throws Exception {
        assertThatThrownBy(() -> Leaves.canonicalBytes(read("{\"n\":9007199254740993}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.n");
        assertThatThrownBy(() -> Leaves.canonicalBytes(read("{\"p\":{\"a\":[0.10000000000000000000001]}}")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("$.p.a[0]");
        assertThatThrownBy(() -> Leaves.canonicalBytes(read("[1]"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Leaves.canonicalBytes(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new String(Leaves.canonicalBytes(read("{\"n\":9007199254740992,\"d\":1e-7}")),
                              StandardCharsets.UTF_8))
                .isEqualTo("{\"d\":1e-7,\"n\":9007199254740992}");
    }
}
