package org.consensusledger.command.web;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

/**
 * A property, checked on generated inputs: whatever JSON object a client posts to the command API (any field names,
 * texts of any code points with lone surrogates and control characters, numbers of any size, booleans, nulls,
 * nested lists and objects, now and then a real field with a plausible value), the answer is never a 5xx, a refusal
 * is always a problem response, and a refused request stores no event. The inputs come from a seeded generator, so
 * a failure names the seed and the body, and {@code -Dfuzz.seed=<seed>} runs the same inputs again (the seed
 * changes from run to run otherwise). No property-testing library: jqwik, the usual one, asks that AI agents not
 * use it, and this project's code is written with one.
 */
class RequestBodyFuzzTest extends CommandApiTest {

    private static final int TRIES = Integer.getInteger("fuzz.tries", 300);
    private static final List<String> FIELDS = List.of(
            "name", "stakeholderGroup", "country", "kind", "mandate", "parentBodyId", "bodyId", "title", "startsAt",
            "format", "location", "proposedBy", "text", "summary", "meetingId", "occurredAt", "organisationId",
            "comment", "grounds", "reason", "disposition", "accommodatingVersion", "reasons", "outcome",
            "rationale", "aggregateId", "sequenceNumber", "whatIsWrong", "correction", "label", "deadline");
    /** Values a real field could take, and their edges. */
    private static final List<String> PLAUSIBLE = List.of(
            "ACADEMIA", "GOVERNMENT", "PLENARY", "WORKING_GROUP", "VIRTUAL", "DELEGATE", "ROUGH_CONSENSUS",
            "ACCOMMODATED", "2026-01-10T09:00:00Z", "1970-01-01T00:00:00Z", "2199-12-31T23:59:59.999999999Z",
            "+1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "", "   ", "FR", "fr",
            "e\u0301", "\r\n");
    private static final List<String> ODD_NUMBERS = List.of("1e400", "-0", "99999999999999999999999", "2.5", "0.0");

    @Test
    void anyObjectIsAnsweredWithoutA5xxAndARefusalIsAProblemThatStoresNothing() {
        long seed = Long.getLong("fuzz.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        List<String> endpoints = endpoints();
        for (int i = 0; i < TRIES; i++) {
            String endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String body = object(random, 3);
            long before = storedEvents();

            ApiClient.Response response = api.send("POST", endpoint, secretariat, body);

            String input = "seed " + seed + ", try " + i + ": POST " + endpoint + " " + body;
            assertThat(HostileApiTest.problemIn(response)).as(input).isNull();
            if (response.status() >= 400) {
                assertThat(storedEvents()).as(input).isEqualTo(before);
            }
        }
    }

    private List<String> endpoints() {
        String member = organisation("Fuzzed member", "CIVIL_SOCIETY");
        String body = api.post("/api/bodies", secretariat, fields("name", "Fuzzed", "kind", "PLENARY",
                                                                  "mandate", "Fuzz")).id();
        api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member));
        String proposal = api.post("/api/proposals", secretariat, fields(
                "bodyId", body, "proposedBy", member, "title", "Fuzzed", "text", "Fuzz")).id();
        return List.of("/api/organisations", "/api/bodies", "/api/meetings", "/api/proposals", "/api/corrections",
                       "/api/bodies/" + body + "/members", "/api/proposals/" + proposal + "/concerns",
                       "/api/proposals/" + proposal + "/revisions", "/api/proposals/" + proposal + "/objections");
    }

    /** A JSON object of up to 8 members, as JSON text, values nested at most {@code depth} levels. */
    private static String object(SplittableRandom random, int depth) {
        StringBuilder json = new StringBuilder("{");
        int members = random.nextInt(9);
        for (int i = 0; i < members; i++) {
            String name = random.nextInt(2) == 0 ? FIELDS.get(random.nextInt(FIELDS.size())) : text(random, 12);
            json.append(i == 0 ? "" : ",").append(quoted(name)).append(':').append(value(random, depth));
        }
        return json.append('}').toString();
    }

    private static String value(SplittableRandom random, int depth) {
        int kind = random.nextInt(depth == 0 ? 10 : 12);
        return switch (kind) {
            case 0, 1, 2, 3 -> quoted(text(random, 40));
            case 4, 5 -> quoted(PLAUSIBLE.get(random.nextInt(PLAUSIBLE.size())));
            case 6 -> String.valueOf(random.nextLong());
            case 7 -> random.nextLong(-1_000_000_000L, 1_000_000_000L) + "." + random.nextInt(1000);
            case 8 -> ODD_NUMBERS.get(random.nextInt(ODD_NUMBERS.size()));
            case 9 -> List.of("true", "false", "null").get(random.nextInt(3));
            case 10 -> {
                StringBuilder list = new StringBuilder("[");
                int items = random.nextInt(5);
                for (int i = 0; i < items; i++) {
                    list.append(i == 0 ? "" : ",").append(value(random, depth - 1));
                }
                yield list.append(']').toString();
            }
            default -> object(random, depth - 1);
        };
    }

    /**
     * Text of up to {@code maxLength} UTF-16 units, any of them: mostly printable, with control characters,
     * surrogates (lone or paired) and characters from every plane.
     */
    private static String text(SplittableRandom random, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(switch (random.nextInt(6)) {
                case 0 -> (char) random.nextInt(0x20, 0x7F);
                case 1 -> (char) random.nextInt(0, 0x20);
                case 2 -> (char) random.nextInt(0xD800, 0xE000);
                case 3 -> (char) random.nextInt(0x80, 0xA0);
                default -> (char) random.nextInt(0x10000);
            });
        }
        return text.toString();
    }

    /** A JSON string: every character outside printable ASCII escaped, so lone surrogates travel as escapes. */
    private static String quoted(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append('"').toString();
    }
}
