package org.consensusledger.audit;

import org.consensusledger.tlog.NoteSigner;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * A receipt: the command side's signed promise, given in a command's answer, that the events the command recorded
 * are at these global positions with these leaf hashes, and will be covered by a signed checkpoint by
 * {@code merge-by}. The note text ({@code docs/audit.md}, "Receipts") is
 * <pre>
 * consensus-ledger/receipt/v1
 * &lt;origin&gt;
 * time &lt;unix seconds&gt;
 * merge-by &lt;unix seconds&gt;
 * &lt;global position&gt; &lt;base64 leaf hash&gt;     (one line per event, strictly ascending)
 * </pre>
 * signed as a C2SP signed note by the key named {@code <origin>/receipts}. Parsing is strict: any other line, a
 * number with a leading zero or sign, a hash that is not 32 bytes of canonical base64, positions out of order, or
 * more than {@link #MAX_EVENTS} events is refused, so that two different texts never mean the same receipt.
 */
public record Receipt(String origin, long time, long mergeBy, List<Event> events) {

    /** The first line of every receipt. */
    public static final String HEADER = "consensus-ledger/receipt/v1";
    /** The most events one receipt may list (a command records a handful). */
    public static final int MAX_EVENTS = 10_000;
    /** The largest signed receipt accepted, in characters. */
    public static final int MAX_NOTE_LENGTH = 64 + 60 * MAX_EVENTS + 4_096;
    private static final int HASH_SIZE = 32;

    /** One event: its global position and its leaf hash ({@link Leaves#leafHash}). */
    public record Event(long position, byte[] leafHash) {

        public Event {
            if (position < 0) {
                throw new IllegalArgumentException("a position is not negative: " + position);
            }
            if (leafHash == null || leafHash.length != HASH_SIZE) {
                throw new IllegalArgumentException("a leaf hash is " + HASH_SIZE + " bytes");
            }
            leafHash = leafHash.clone();
        }

        @Override
        public byte[] leafHash() {
            return leafHash.clone();
        }

        /** The hash in standard base64, as the receipt writes it. */
        public String leafHashBase64() {
            return Base64.getEncoder().encodeToString(leafHash);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Event event && event.position == position
                    && Arrays.equals(event.leafHash, leafHash);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(position) * 31 + Arrays.hashCode(leafHash);
        }

        @Override
        public String toString() {
            return position + " " + leafHashBase64();
        }
    }

    public Receipt {
        Objects.requireNonNull(origin, "origin");
        if (origin.isEmpty() || origin.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("a receipt's origin is one non-empty line without control characters");
        }
        if (time < 0 || mergeBy < time) {
            throw new IllegalArgumentException("a receipt's time is not negative and its merge-by not before it");
        }
        events = List.copyOf(events);
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw new IllegalArgumentException("a receipt lists 1 to " + MAX_EVENTS + " events, not "
                                                       + events.size());
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).position() <= events.get(i - 1).position()) {
                throw new IllegalArgumentException("a receipt's positions are strictly ascending: "
                                                           + events.get(i).position() + " follows "
                                                           + events.get(i - 1).position());
            }
        }
    }

    /** The name of the key that signs an origin's receipts: {@code <origin>/receipts}. */
    public static String keyName(String origin) {
        return origin + "/receipts";
    }

    /** The first and the last position listed. */
    public long firstPosition() {
        return events.get(0).position();
    }

    public long lastPosition() {
        return events.get(events.size() - 1).position();
    }

    /** The note text (ending in a newline), the bytes the signature covers. */
    public String text() {
        StringBuilder text = new StringBuilder(HEADER).append('\n')
                .append(origin).append('\n')
                .append("time ").append(time).append('\n')
                .append("merge-by ").append(mergeBy).append('\n');
        for (Event event : events) {
            text.append(event.position()).append(' ').append(event.leafHashBase64()).append('\n');
        }
        return text.toString();
    }

    /** The signed receipt: {@link #text()}, a blank line and the signer's line; the key must be {@link #keyName}. */
    public String sign(NoteSigner signer) {
        if (!signer.name().equals(keyName(origin))) {
            throw new IllegalArgumentException("receipts of origin '" + origin + "' are signed by key '"
                                                       + keyName(origin) + "', not '" + signer.name() + "'");
        }
        return signer.sign(text());
    }

    /**
     * Parses a signed receipt and checks it: a valid signature by {@code verifier}, whose key name is the receipt
     * origin's ({@code <origin>/receipts}), and a text of exactly the receipt's form.
     */
    public static Receipt verify(String note, NoteVerifier verifier) throws VerificationException {
        if (note == null) {
            throw new VerificationException("the receipt is missing");
        }
        if (note.length() > MAX_NOTE_LENGTH) {
            throw new VerificationException("the receipt is longer than " + MAX_NOTE_LENGTH + " characters");
        }
        SignedNote signed = verifier.verify(note);
        Receipt receipt;
        try {
            receipt = parseText(signed.text());
        } catch (IllegalArgumentException e) {
            throw new VerificationException("not a receipt: " + e.getMessage(), e);
        }
        if (!verifier.name().equals(keyName(receipt.origin()))) {
            throw new VerificationException("the receipt of origin '" + receipt.origin() + "' is signed by key '"
                                                    + verifier.name() + "', not by '" + keyName(receipt.origin())
                                                    + "'");
        }
        return receipt;
    }

    /** Parses a receipt's note text (without signatures), strictly. */
    public static Receipt parseText(String text) {
        if (text == null || !text.endsWith("\n")) {
            throw new IllegalArgumentException("a receipt's text ends in a newline");
        }
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        if (lines.length < 5) {
            throw new IllegalArgumentException("a receipt has a header, an origin, time, merge-by and at least one "
                                                       + "event line; this one has " + lines.length + " lines");
        }
        if (lines.length - 4 > MAX_EVENTS) {
            throw new IllegalArgumentException("a receipt lists at most " + MAX_EVENTS + " events");
        }
        if (!HEADER.equals(lines[0])) {
            throw new IllegalArgumentException("a receipt starts with the line '" + HEADER + "'");
        }
        long time = keyed(lines[2], "time");
        long mergeBy = keyed(lines[3], "merge-by");
        List<Event> events = new ArrayList<>(lines.length - 4);
        for (int i = 4; i < lines.length; i++) {
            String line = lines[i];
            int space = line.indexOf(' ');
            if (space < 0 || line.indexOf(' ', space + 1) >= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not '<position> <base64 leaf hash>'");
            }
            events.add(new Event(decimal(line.substring(0, space), "position on line " + (i + 1)),
                                 hash(line.substring(space + 1), i + 1)));
        }
        return new Receipt(lines[1], time, mergeBy, events);
    }

    private static long keyed(String line, String key) {
        if (!line.startsWith(key + " ")) {
            throw new IllegalArgumentException("expected the line '" + key + " <unix seconds>', found '"
                                                       + shortened(line) + "'");
        }
        return decimal(line.substring(key.length() + 1), key);
    }

    /** A non-negative decimal without sign or leading zero, at most 19 digits. */
    private static long decimal(String text, String what) {
        if (text.isEmpty() || text.length() > 19 || (text.length() > 1 && text.charAt(0) == '0')
                || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(what + " is not a decimal number: '" + shortened(text) + "'");
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " is too large: " + text, e);
        }
    }

    private static byte[] hash(String text, int line) {
        byte[] hash;
        try {
            hash = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the leaf hash on line " + line + " is not base64", e);
        }
        if (hash.length != HASH_SIZE || !Base64.getEncoder().encodeToString(hash).equals(text)) {
            throw new IllegalArgumentException("the leaf hash on line " + line + " is not 32 bytes in canonical "
                                                       + "base64");
        }
        return hash;
    }

    private static String shortened(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
