package org.consensusledger.tlog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.eventlog.LedgerSerializers;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The direct writer and the RFC 8785 library agree byte for byte, and the writer leaves what it cannot do. */
class CanonicalJsonTest {

    private static final ObjectMapper MAPPER = LedgerSerializers.objectMapper();
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
    void leavesOutTheSkippedTopLevelMemberOnly() throws Exception {
        ObjectNode tree = NODES.objectNode().put("b", 1).put("leafHash", "x");
        tree.putObject("a").put("leafHash", "kept");

        assertThat(new String(CanonicalJson.write(tree, "leafHash"), "UTF-8"))
                .isEqualTo("{\"a\":{\"leafHash\":\"kept\"},\"b\":1}");
    }

    @Test
    void leavesFractionsLargeIntegersAndLoneSurrogatesToTheLibrary() {
        assertThat(CanonicalJson.write(NODES.objectNode().put("n", new BigDecimal("1.5")), null)).isNull();
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
                return NODES.numberNode(random.nextInt(-1000, 1000));
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
