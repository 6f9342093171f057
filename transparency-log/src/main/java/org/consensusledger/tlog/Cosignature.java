package org.consensusledger.tlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * C2SP tlog-cosignature/v1 with Ed25519 (https://c2sp.org/tlog-cosignature): a witness's statement that, as of a
 * time, the checkpoint is the largest consistent tree it has seen of that log. A cosignature is an ordinary note
 * signature line, {@code — <cosigner name> base64(key id ‖ timestamp ‖ signature)}, where
 * <ul>
 * <li>the key id is SHA-256(name ‖ 0x0A ‖ 0x04 ‖ 32-byte public key)[:4] (type 0x04, not the log keys' 0x01);</li>
 * <li>the timestamp is 8 bytes, big-endian, POSIX seconds, at most 2^63 − 1;</li>
 * <li>the Ed25519 signature is over {@code cosignature/v1\ntime <timestamp>\n} followed by the checkpoint's note
 * text (every line of it, extension lines included, final newline included; no signature line).</li>
 * </ul>
 * The cosigner's verifier key is {@code <name>+<hex8 key id>+<base64(0x04 ‖ public key)>}. Its secret key is an
 * ordinary signer key ({@code PRIVATE+KEY+…}, type 0x01), as in Go's {@code transparency-dev/formats/note}: the same
 * seed, another key id. A cosigner's key must sign nothing else.
 */
public final class Cosignature {

    /** The signature type byte of Ed25519 cosignature/v1 in key ids and verifier keys. */
    public static final byte TYPE = 0x04;
    /** The first line of every signed message. */
    public static final String HEADER = "cosignature/v1";
    /** Timestamp and Ed25519 signature: the bytes of a cosignature after its key id. */
    public static final int SIZE = 8 + Ed25519.SIGNATURE_SIZE;

    private Cosignature() {
    }

    /** A cosigner's public key: name, key id (type 0x04) and the raw 32-byte Ed25519 public key. */
    public record CosignerKey(String name, int keyId, byte[] publicKey) {

        public CosignerKey {
            NoteText.checkKeyName(name);
            if (publicKey == null || publicKey.length != Ed25519.KEY_SIZE) {
                throw new IllegalArgumentException("an Ed25519 public key is " + Ed25519.KEY_SIZE + " bytes");
            }
            publicKey = publicKey.clone();
            if (keyId != Cosignature.keyId(name, publicKey)) {
                throw new IllegalArgumentException("key id " + KeyText.hex8(keyId) + " does not match cosigner key "
                        + name);
            }
        }

        @Override
        public byte[] publicKey() {
            return publicKey.clone();
        }

        /** The vkey text, {@code <name>+<hex8>+<base64(0x04 ‖ key)>}. */
        public String format() {
            byte[] typed = new byte[1 + publicKey.length];
            typed[0] = TYPE;
            System.arraycopy(publicKey, 0, typed, 1, publicKey.length);
            return name + "+" + KeyText.hex8(keyId) + "+" + NoteText.base64(typed);
        }

        /** Parses a cosigner vkey; refuses another type than 0x04 and a key id that does not match. */
        public static CosignerKey parse(String vkey) {
            if (vkey == null) {
                throw new IllegalArgumentException("cosigner key is missing");
            }
            String[] parts = vkey.strip().split("\\+", 3);
            if (parts.length != 3) {
                throw new IllegalArgumentException("cosigner key is not <name>+<key id>+<key>");
            }
            String hex = parts[1];
            if (hex.length() != 8 || !hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException("key id \"" + hex + "\" is not 8 lowercase hex digits");
            }
            byte[] typed = NoteText.base64(parts[2], "cosigner key material");
            if (typed.length == 0 || typed[0] != TYPE) {
                throw new IllegalArgumentException("cosigner key " + parts[0] + " is not an Ed25519 cosignature/v1 "
                        + "key (type byte 0x04)");
            }
            if (typed.length != 1 + Ed25519.KEY_SIZE) {
                throw new IllegalArgumentException("cosigner key has " + (typed.length - 1) + " key bytes, not "
                        + Ed25519.KEY_SIZE);
            }
            return new CosignerKey(parts[0], (int) Long.parseLong(hex, 16),
                                   Arrays.copyOfRange(typed, 1, typed.length));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CosignerKey key && name.equals(key.name) && keyId == key.keyId
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

    /** The key id of an Ed25519 cosigner key: SHA-256(name ‖ 0x0A ‖ 0x04 ‖ public key)[:4], big-endian. */
    public static int keyId(String name, byte[] publicKey) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer input = ByteBuffer.allocate(nameBytes.length + 2 + publicKey.length);
        input.put(nameBytes).put((byte) '\n').put(TYPE).put(publicKey);
        return ByteBuffer.wrap(MerkleHash.sha256(input.array())).getInt();
    }

    /** The signed message: the header line, the time line, then the checkpoint's note text. */
    public static String message(String checkpointText, long timestamp) {
        NoteText.checkNoteText(checkpointText);
        checkTimestamp(timestamp);
        return HEADER + "\ntime " + timestamp + "\n" + checkpointText;
    }

    /**
     * The timestamp a cosignature line carries (not verified: only the form of the bytes is checked), or an
     * {@link IllegalArgumentException} if it is not a cosignature/v1 (8 + 64 bytes after the key id) or its timestamp is
     * above {@link #MAX_TIMESTAMP}.
     */
    public static long timestamp(SignedNote.Signature signature) {
        byte[] bytes = signature.signature();
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("signature of " + signature.keyName() + " has " + bytes.length
                    + " bytes after its key id, not " + SIZE + " (timestamp and Ed25519 signature)");
        }
        long timestamp = ByteBuffer.wrap(bytes).getLong();
        checkTimestamp(timestamp);
        return timestamp;
    }

    /**
     * The largest timestamp {@link #timestamp} gives: the last second a Java date can hold (year 1 000 000 000). The
     * spec allows up to 2^63 − 1, but no such time can be shown or compared as a date; a larger one is refused in
     * words rather than failing later where it is turned into a date.
     */
    public static final long MAX_TIMESTAMP = java.time.Instant.MAX.getEpochSecond();

    private static void checkTimestamp(long timestamp) {
        if (timestamp < 0) {
            throw new IllegalArgumentException("cosignature timestamp exceeds 2^63 - 1");
        }
        if (timestamp > MAX_TIMESTAMP) {
            throw new IllegalArgumentException("cosignature timestamp " + timestamp + " is beyond the year 1000000000 "
                    + "(" + MAX_TIMESTAMP + "): no date can hold it");
        }
    }

    /** Cosigns checkpoints with one Ed25519 key (a witness's). */
    public static final class Signer {

        private final CosignerKey key;
        private final PrivateKey privateKey;

        /** A cosigner from an ordinary signer key (type 0x01): the same name and seed, the key id of type 0x04. */
        public Signer(KeyText.SignerKey key) {
            this.privateKey = Ed25519.privateKey(key.seed());
            this.key = new CosignerKey(key.name(), keyId(key.name(), key.publicKey()), key.publicKey());
        }

        /** The cosigner's verifier key, to publish. */
        public CosignerKey key() {
            return key;
        }

        /** The cosignature of a checkpoint's note text at {@code timestamp} (POSIX seconds). */
        public SignedNote.Signature sign(String checkpointText, long timestamp) {
            byte[] signature = Ed25519.sign(privateKey, message(checkpointText, timestamp)
                    .getBytes(StandardCharsets.UTF_8));
            return new SignedNote.Signature(key.name(), key.keyId(),
                                            ByteBuffer.allocate(SIZE).putLong(timestamp).put(signature).array());
        }

        @Override
        public String toString() {
            return "Cosignature.Signer[" + key.name() + "+" + KeyText.hex8(key.keyId()) + "]";
        }
    }

    /** Verifies the cosignatures of one cosigner key. */
    public static final class Verifier {

        private final CosignerKey key;
        private final PublicKey publicKey;

        public Verifier(CosignerKey key) {
            this.key = key;
            this.publicKey = Ed25519.publicKey(key.publicKey());
        }

        /** A verifier from cosigner vkey text. */
        public Verifier(String vkey) {
            this(CosignerKey.parse(vkey));
        }

        public CosignerKey key() {
            return key;
        }

        /** Whether a signature line has this key's name and key id. */
        public boolean isOf(SignedNote.Signature signature) {
            return signature.keyName().equals(key.name()) && signature.keyId() == key.keyId();
        }

        /**
         * The time of this cosigner's cosignature of the note, if it carries one; a line with this key's name and id
         * that does not verify (or is not 72 bytes) is a {@link VerificationException}, as signed-note requires. Lines
         * of other keys are ignored.
         */
        public OptionalLong verify(SignedNote note) throws VerificationException {
            OptionalLong found = OptionalLong.empty();
            for (SignedNote.Signature signature : note.signatures()) {
                if (!isOf(signature)) {
                    continue;
                }
                if (!verify(note.text(), signature)) {
                    throw new VerificationException("invalid cosignature by " + key.name() + "+"
                            + KeyText.hex8(key.keyId()));
                }
                long time = timestamp(signature);
                if (found.isEmpty() || time > found.getAsLong()) {
                    found = OptionalLong.of(time);
                }
            }
            return found;
        }

        /** Whether {@code signature} is this key's valid cosignature of {@code checkpointText}. */
        public boolean verify(String checkpointText, SignedNote.Signature signature) {
            if (!isOf(signature)) {
                return false;
            }
            byte[] bytes = signature.signature();
            if (bytes.length != SIZE) {
                return false;
            }
            long timestamp = ByteBuffer.wrap(bytes).getLong();
            if (timestamp < 0 || timestamp > MAX_TIMESTAMP) {
                return false; // refused in words by timestamp(signature)
            }
            byte[] message = message(checkpointText, timestamp).getBytes(StandardCharsets.UTF_8);
            return Ed25519.verify(publicKey, message, Arrays.copyOfRange(bytes, 8, bytes.length));
        }

        @Override
        public String toString() {
            return "Cosignature.Verifier[" + key.format() + "]";
        }
    }
}
