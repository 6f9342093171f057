package org.consensusledger.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The text forms of note keys (C2SP signed-note, as in Go's {@code golang.org/x/mod/sumdb/note}), Ed25519 only:
 * <ul>
 * <li>verifier key ("vkey"): {@code <name>+<hex8 key id>+<base64(0x01 ‖ 32-byte public key)>}, published;</li>
 * <li>signer key ("skey"): {@code PRIVATE+KEY+<name>+<hex8 key id>+<base64(0x01 ‖ 32-byte seed)>}, secret.</li>
 * </ul>
 * The key id is the first four bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), so it names both
 * the key and the algorithm; a parsed key whose id does not match its name and key material is refused.
 */
public final class KeyText {

    /** The signature type byte of Ed25519 in C2SP signed notes. */
    public static final byte ED25519 = 0x01;

    private static final String PRIVATE_PREFIX = "PRIVATE+KEY+";

    private KeyText() {
    }

    /** A verifier key: the name, the key id and the raw 32-byte Ed25519 public key. */
    public record VerifierKey(String name, int keyId, byte[] publicKey) {

        public VerifierKey {
            NoteText.checkKeyName(name);
            if (publicKey == null || publicKey.length != Ed25519.KEY_SIZE) {
                throw new IllegalArgumentException("an Ed25519 public key is " + Ed25519.KEY_SIZE + " bytes");
            }
            publicKey = publicKey.clone();
            if (keyId != KeyText.keyId(name, publicKey)) {
                throw new IllegalArgumentException("key id " + hex8(keyId) + " does not match key " + name);
            }
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The vkey text. */
        public String format() {
            return name + "+" + hex8(keyId) + "+" + NoteText.base64(typed(publicKey));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof VerifierKey key && name.equals(key.name) && keyId == key.keyId
                    && Arrays.equals(publicKey, key.publicKey);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + keyId;
        }

        @Override
        public String toString() {
            return format();
        }
    }

    /** A signer key: the name, the key id, the raw 32-byte Ed25519 seed (secret) and its public key. */
    public record SignerKey(String name, int keyId, byte[] seed, byte[] publicKey) {

        public SignerKey {
            NoteText.checkKeyName(name);
            if (seed == null || seed.length != Ed25519.KEY_SIZE) {
                throw new IllegalArgumentException("an Ed25519 seed is " + Ed25519.KEY_SIZE + " bytes");
            }
            seed = seed.clone();
            byte[] derived = Ed25519.publicKeyOfSeed(seed);
            if (publicKey != null && !Arrays.equals(publicKey, derived)) {
                throw new IllegalArgumentException("public key does not belong to the seed of key " + name);
            }
            publicKey = derived;
            if (keyId != KeyText.keyId(name, publicKey)) {
                throw new IllegalArgumentException("key id " + hex8(keyId) + " does not match key " + name);
            }
        }

        @Override
        public byte[] seed() {
            return seed.clone();
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The skey text (secret). */
        public String format() {
            return PRIVATE_PREFIX + name + "+" + hex8(keyId) + "+" + NoteText.base64(typed(seed));
        }

        /** The matching verifier key. */
        public VerifierKey verifierKey() {
            return new VerifierKey(name, keyId, publicKey);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SignerKey key && name.equals(key.name) && keyId == key.keyId
                    && Arrays.equals(seed, key.seed);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + keyId;
        }

        /** Never shows the seed. */
        @Override
        public String toString() {
            return "SignerKey[" + name + "+" + hex8(keyId) + "]";
        }
    }

    /** A new random Ed25519 key named {@code name}. */
    public static SignerKey generate(String name) {
        NoteText.checkKeyName(name);
        KeyPair pair = Ed25519.generate();
        byte[] publicKey = Ed25519.rawPublicKey(pair.getPublic());
        return new SignerKey(name, keyId(name, publicKey), Ed25519.seed(pair.getPrivate()), publicKey);
    }

    /** The signer key named {@code name} with the given 32-byte seed. */
    public static SignerKey signerKey(String name, byte[] seed) {
        NoteText.checkKeyName(name);
        byte[] publicKey = Ed25519.publicKeyOfSeed(seed);
        return new SignerKey(name, keyId(name, publicKey), seed, publicKey);
    }

    /** The verifier key named {@code name} for the given raw 32-byte public key. */
    public static VerifierKey verifierKey(String name, byte[] publicKey) {
        NoteText.checkKeyName(name);
        if (publicKey == null || publicKey.length != Ed25519.KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 public key is " + Ed25519.KEY_SIZE + " bytes");
        }
        return new VerifierKey(name, keyId(name, publicKey), publicKey);
    }

    /** Parses a vkey; refuses any malformed part, another algorithm, or a key id that does not match. */
    public static VerifierKey parseVerifierKey(String vkey) {
        String[] parts = splitKey(vkey, "verifier key");
        return new VerifierKey(parts[0], parseKeyId(parts[1]), untyped(parts[2], "verifier key"));
    }

    /** Parses an skey; refuses any malformed part, another algorithm, or a key id that does not match. */
    public static SignerKey parseSignerKey(String skey) {
        if (skey == null || !skey.startsWith(PRIVATE_PREFIX)) {
            throw new IllegalArgumentException("signer key does not start with " + PRIVATE_PREFIX);
        }
        String[] parts = splitKey(skey.substring(PRIVATE_PREFIX.length()), "signer key");
        return new SignerKey(parts[0], parseKeyId(parts[1]), untyped(parts[2], "signer key"), null);
    }

    /**
     * Refuses a name that cannot name a key (and so a log's origin): empty, a Unicode space, a {@code +}, a newline
     * or another control character (C2SP signed-note).
     */
    public static void checkName(String name) {
        NoteText.checkKeyName(name);
    }

    /**
     * The fingerprint published for a verifier key: the SHA-256, in lowercase hex, of the vkey text followed by a
     * newline, i.e. of the key exactly as {@code GET /api/audit/vkey} serves it ({@code curl -s …/vkey | sha256sum}).
     */
    public static String fingerprint(String vkey) {
        return HexFormat.of().formatHex(MerkleHash.sha256((vkey + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /** The key id of an Ed25519 key: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4], big-endian. */
    public static int keyId(String name, byte[] publicKey) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(nameBytes.length + 2 + publicKey.length);
        input.put(nameBytes).put((byte) '\n').put(ED25519).put(publicKey);
        return ByteBuffer.wrap(MerkleHash.sha256(input.array())).getInt();
    }

    /** A key id as 8 lowercase hex digits. */
    public static String hex8(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    private static String[] splitKey(String key, String what) {
        if (key == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        // Names have no '+' but base64 may: the key material is everything after the second '+'.
        String[] parts = key.split("\\+", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(what + " is not <name>+<key id>+<key>");
        }
        return parts;
    }

    private static int parseKeyId(String hex) {
        if (hex.length() != 8 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            throw new IllegalArgumentException("key id \"" + hex + "\" is not 8 lowercase hex digits");
        }
        return (int) Long.parseLong(hex, 16);
    }

    private static byte[] typed(byte[] key) {
        byte[] typed = new byte[1 + key.length];
        typed[0] = ED25519;
        System.arraycopy(key, 0, typed, 1, key.length);
        return typed;
    }

    private static byte[] untyped(String base64, String what) {
        byte[] typed = NoteText.base64(base64, what + " material");
        if (typed.length == 0 || typed[0] != ED25519) {
            throw new IllegalArgumentException(what + " is not an Ed25519 key (type byte 0x01)");
        }
        if (typed.length != 1 + Ed25519.KEY_SIZE) {
            throw new IllegalArgumentException(what + " has " + (typed.length - 1) + " key bytes, not "
                    + Ed25519.KEY_SIZE);
        }
        return Arrays.copyOfRange(typed, 1, typed.length);
    }
}
