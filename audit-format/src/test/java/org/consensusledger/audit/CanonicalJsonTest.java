package org.consensusledger.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.events.LedgerJson;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct writer and the RFC 8785 library agree byte for byte, and the writer leaves what it cannot do. */
class CanonicalJsonTest {

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] PIECES = {"a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\b", "\f", "\r",
            "\u0000", "\u001f", "\u007f", "é", "€", "\u2028", "\uffff", "😀", "\ud834\udd1e", "ﬁ", "日本"};

    @Test
    void agreesWithTheLibraryOnRandomTrees() throws Exception {
        SplittableRandom random = new SplittableRandom(8785);
        for (int i = 0; i < 3_000; i++) {
            ObjectNode tree = object(random, 0);
            byte[] library = new JsonCanonicalizer(MAPPER.writeValueAsString(tree)).getEncodedUTF8();

            assertThat(CanonicalJson.write(tree, null)).as(tree.toString()).isEqualTo(library);
        }
    }

    @Test
    void theStreamedFormAgreesWithTheLibraryOnRandomTreesWrittenInAnyOrderAndWhitespace() throws Exception {
        SplittableRandom random = new SplittableRandom(8786);
        for (int i = 0; i < 3_000; i++) {
            ObjectNode tree = object(random, 0);
            byte[] library = new JsonCanonicalizer(MAPPER.writeValueAsString(tree)).getEncodedUTF8();
            String text = i % 2 == 0 ? MAPPER.writeValueAsString(tree)
                    : MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tree);

            assertThat(streamed(text, null)).as(text).isEqualTo(library);
        }
    }

    @Test
    void theStreamedFormTellsEachTopLevelMemberAndSkipsOnlyTheTopLevelLeafHash() throws Exception {
        java.util.List<String> told = new java.util.ArrayList<>();
        String text = "{\"leafHash\":\"x\",\"b\":1,\"a\":{\"leafHash\":\"kept\"},\"c\":[true,null]}";

        assertThat(new String(streamed(text, (name, parser) -> told.add(name + "=" + parser.currentToken())),
                              "UTF-8"))
                .isEqualTo("{\"a\":{\"leafHash\":\"kept\"},\"b\":1,\"c\":[true,null]}");
        assertThat(told).containsExactly("leafHash=VALUE_STRING", "b=VALUE_NUMBER_INT", "a=START_OBJECT",
                                         "c=START_ARRAY");
    }

    @Test
    void theStreamedFormLeavesNumbersNoDoubleHoldsAndLoneSurrogatesToTheLibrary() throws Exception {
        assertThat(new String(streamed("{\"n\":[1.50,1E3,-0.0,1e-7,2E+60]}", null), "UTF-8"))
                .isEqualTo("{\"n\":[1.5,1000,0,1e-7,2e+60]}");
        assertThat(streamed("{\"n\":0.1000000000000000000001}", null)).isNull();
        assertThat(streamed("{\"n\":" + ((1L << 53) + 1) + "}", null)).isNull();
        assertThat(streamed("{\"n\":123456789012345678901234567890}", null)).isNull();
        assertThat(streamed("{\"n\":" + (1L << 53) + "}", null)).isNotNull();
        assertThat(streamed("{\"s\":\"x\\ud800y\"}", null)).isNull();
    }

    private static byte[] streamed(String text, Leaves.MemberListener listener) throws Exception {
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.createParser(text)) {
            parser.nextToken();
            return CanonicalJson.write(parser, "leafHash", listener);
        }
    }

    @Test
    void leavesOutTheSkippedTopLevelMemberOnly() throws Exception {
        ObjectNode tree = NODES.objectNode().put("b", 1).put("leafHash", "x");
        tree.putObject("a").put("leafHash", "kept");

        assertThat(new String(CanonicalJson.write(tree, "leafHash"), "UTF-8"))
                .isEqualTo("{\"a\":{\"leafHash\":\"kept\"},\"b\":1}");
    }

    @Test
    void leavesNumbersNoDoubleHoldsAndLoneSurrogatesToTheLibrary() {
        assertThat(CanonicalJson.write(NODES.objectNode().put("n", new BigDecimal("1.5")), null)).isNotNull();
        assertThat(CanonicalJson.write(NODES.objectNode().put("n", new BigDecimal("0.1000000000000000000001")),
                                       null)).isNull();
        assertThat(CanonicalJson.write(NODES.objectNode().put("n", (1L << 53) + 1), null)).isNull();
        assertThat(CanonicalJson.write(NODES.objectNode().put("n", 1L << 53), null)).isNotNull();
        assertThat(CanonicalJson.write(NODES.objectNode().put("s", "x\ud800y"), null)).isNull();
        assertThat(CanonicalJson.write(NODES.objectNode().put("s", "\udc00"), null)).isNull();
    }

    private static ObjectNode object(SplittableRandom random, int depth) {
        ObjectNode object = NODES.objectNode();
        int members = random.nextInt(depth == 0 ? 1 : 0, 6);
        for (int i = 0; i < members; i++) {
            object.set(text(random), value(random, depth + 1));
        }
        return object;
    }

    private static JsonNode value(SplittableRandom random, int depth) {
        switch (random.nextInt(depth > 3 ? 5 : 7)) {
            case 0:
                return NODES.textNode(text(random));
            case 1:
                return NODES.numberNode(random.nextLong(-(1L << 53), (1L << 53) + 1));
            case 2:
                switch (random.nextInt(3)) {
                    case 0:
                        return NODES.numberNode(random.nextInt(-1000, 1000));
                    case 1: // a fraction, tiny to huge, that a double holds
                        return NODES.numberNode(BigDecimal.valueOf(Math.scalb(random.nextDouble() - 0.5,
                                                                              random.nextInt(-80, 80))));
                    default: // an integer beyond 2^53 that a double holds
                        return NODES.numberNode(BigDecimal.valueOf((double) (1L << random.nextInt(54, 63))));
                }
            case 3:
                return NODES.booleanNode(random.nextBoolean());
            case 4:
                return NODES.nullNode();
            case 5:
                ArrayNode array = NODES.arrayNode();
                int items = random.nextInt(4);
                for (int i = 0; i < items; i++) {
                    array.add(value(random, depth + 1));
                }
                return array;
            default:
                return object(random, depth);
        }
    }

    private static String text(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int pieces = random.nextInt(6);
        for (int i = 0; i < pieces; i++) {
            text.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return text.toString();
    }
}
