package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Fetches a consistency proof from the server: {@code GET <base>/api/audit/proof/consistency?from=m&to=n}
 * answering {@code {"from":m,"to":n,"hashes":["<base64>", ...]}}. Only fetched: verifying it against the signed
 * roots is {@link org.consensusledger.tlog.MerkleProofs}'s business.
 */
final class ConsistencyClient {

    static final String PATH = "/api/audit/proof/consistency";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String base;

    ConsistencyClient(String base) {
        this.base = base;
    }

    String url(long from, long to) {
        return base + PATH + "?from=" + from + "&to=" + to;
    }

    List<byte[]> proof(long from, long to) throws UnusableInputException {
        String url = url(from, to);
        String body = new Source(url).readText();
        JsonNode json;
        try {
            json = MAPPER.readTree(body);
        } catch (IOException e) {
            throw new UnusableInputException("the consistency proof from " + url + " is not JSON", e);
        }
        if (json == null || !json.isObject()) {
            throw new UnusableInputException("the consistency proof from " + url + " is not a JSON object");
        }
        if (!sameNumber(json.get("from"), from) || !sameNumber(json.get("to"), to)) {
            throw new UnusableInputException("the server answered " + url + " with a proof from " + json.get("from")
                    + " to " + json.get("to"));
        }
        JsonNode hashes = json.get("hashes");
        if (hashes == null || !hashes.isArray()) {
            throw new UnusableInputException("the consistency proof from " + url + " has no \"hashes\" array");
        }
        List<byte[]> proof = new ArrayList<>(hashes.size());
        for (JsonNode hash : hashes) {
            try {
                if (!hash.isTextual()) {
                    throw new IllegalArgumentException("not a string");
                }
                proof.add(Base64.getDecoder().decode(hash.textValue()));
            } catch (IllegalArgumentException e) {
                throw new UnusableInputException("the consistency proof from " + url + " has a hash that is not "
                        + "base64: " + hash, e);
            }
        }
        return proof;
    }

    private static boolean sameNumber(JsonNode value, long expected) {
        return value != null && value.isIntegralNumber() && value.canConvertToLong() && value.longValue() == expected;
    }
}
