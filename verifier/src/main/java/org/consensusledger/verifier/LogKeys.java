package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.tlog.KeyAnnouncement;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.SignedNote;
import org.consensusledger.tlog.VerificationException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The log's keys the verifier trusts: the key it was given, then each key announced by a checkpoint signed by the key
 * before it and by the new one (docs/audit.md, Key rotation); and, from the server's list, the keys before the given
 * one, each vouched for by the announcement its successor signed. Announcements come from {@code --key-announcement} and,
 * with {@code --server}, from {@code GET <base>/api/audit/keys}; one that names a key not yet trusted and cannot be
 * followed from the trusted chain (signed by the new key alone, say) makes the run fail. A key is trusted for the
 * checkpoints up to the size of the announcement that retired it: a checkpoint signed only by a retired key at a
 * larger size fails, once the verifier knows of that announcement.
 * <p>
 * What a retired key that leaked can still do: nothing against a verifier given a later key, or holding a saved or
 * remembered checkpoint signed by a later key (the chain must reach the key that signed it). But a verifier given only
 * the old key, with nothing later saved, learns the chain from the server: whoever holds the leaked key and serves the
 * log can list an announcement of a key of its own ({@code K1 -> K_evil}) instead of the real one and show a log that
 * key signs; the verifier cannot tell, beyond requiring that log to extend every checkpoint it was given (saved,
 * remembered, the announcements' own, whose roots are checked against the export). Such a run is warned about loudly
 * ({@link #fromServerOnly()}); the cure is to give the newest key whose fingerprint the log's operator published.
 */
final class LogKeys {

    static final String KEYS_PATH = "/api/audit/keys";
    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();
    private static final String SERVERS = "the server's ";
    /** How a followed announcement is described (the start of {@link TrustedCheckpoint#description()}). */
    static final String ANNOUNCEMENT = "the checkpoint that announced a key rotation";

    /** A trusted key and the largest size it may sign alone ({@link Long#MAX_VALUE} for the newest). */
    private record Trusted(NoteVerifier verifier, long lastSize) {
    }

    private final List<Trusted> chain;
    /** The announcements followed, each a checkpoint signed by the key it retired (and by the one it introduced). */
    private final List<TrustedCheckpoint> announcements;
    /** Whether a key was followed forward on the server's word alone (its list, not an announcement given as a file). */
    private final boolean fromServer;

    private LogKeys(List<Trusted> chain, List<TrustedCheckpoint> announcements, boolean fromServer) {
        this.chain = List.copyOf(chain);
        this.announcements = List.copyOf(announcements);
        this.fromServer = fromServer;
    }

    /** The given key alone. */
    static LogKeys of(NoteVerifier given) {
        return new LogKeys(List.of(new Trusted(given, Long.MAX_VALUE)), List.of(), false);
    }

    /** The chain from {@code given} through the announcements given and, with a server, those it lists. */
    static LogKeys follow(NoteVerifier given, List<Source> announcements, String server)
            throws UnusableInputException, LogMismatch {
        List<String> notes = new ArrayList<>();
        List<String> origins = new ArrayList<>();
        List<String[]> handedOn = new ArrayList<>(); // the server's: {the key before, the announcement}
        for (Source source : announcements) {
            notes.add(source.readText());
            origins.add("the key announcement " + source);
        }
        if (server != null) {
            String url = server + KEYS_PATH;
            Source.Answer answer = Source.fetch(url);
            if (answer.status() == 200) {
                JsonNode keys;
                try {
                    keys = MAPPER.readTree(answer.body()).path("keys");
                } catch (IOException e) {
                    throw new UnusableInputException(url + " is not JSON", e);
                }
                String before = null;
                for (JsonNode key : keys) {
                    String announcement = key.path("announcement").asText(null);
                    if (announcement != null && !key.path("announcement").isNull()) {
                        notes.add(announcement);
                        origins.add(SERVERS + "announcement of key " + key.path("vkey").asText() + " (" + url
                                + ")");
                        if (before != null) {
                            handedOn.add(new String[] {before, announcement});
                        }
                    }
                    before = key.path("vkey").asText(null);
                }
            } else if (answer.status() != 404) { // a ledger older than key rotation serves none
                throw new UnusableInputException("GET " + url + " answered HTTP " + answer.status());
            }
        }
        return follow(given, notes, origins, handedOn);
    }

    static LogKeys follow(NoteVerifier given, List<String> notes, List<String> origins) throws LogMismatch {
        return follow(given, notes, origins, List.of());
    }

    /**
     * Follows the announcements forward from {@code given}; and, from the server's list ({@code handedOn}: the key
     * before each announcement, and the announcement), backward too: an announcement of a key already trusted, signed
     * by it and by the key listed before it, vouches for that earlier key up to the announcement's size (the trusted
     * key's holder signed it), so checkpoints saved before a rotation verify with the current key given.
     */
    static LogKeys follow(NoteVerifier given, List<String> notes, List<String> origins, List<String[]> handedOn)
            throws LogMismatch {
        List<Trusted> chain = new ArrayList<>(List.of(new Trusted(given, Long.MAX_VALUE)));
        List<TrustedCheckpoint> announcements = new ArrayList<>();
        boolean fromServer = false;
        boolean back = true;
        while (back) {
            back = false;
            KeyText.VerifierKey first = chain.get(0).verifier().verifierKey();
            for (String[] pair : handedOn) {
                KeyText.VerifierKey before;
                try {
                    before = KeyText.parseVerifierKey(pair[0]);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!first.equals(announcedKey(pair[1])) || trusts(chain, before)) {
                    continue;
                }
                try {
                    KeyAnnouncement.Followed followed = KeyAnnouncement.follow(pair[1], List.of(before));
                    chain.add(0, new Trusted(new NoteVerifier(before), followed.checkpoint().size()));
                    announcements.add(announcement(followed, pair[1]));
                    back = true;
                    break;
                } catch (VerificationException e) {
                    // not signed by the key listed before it: vouches for nothing
                }
            }
        }
        boolean[] used = new boolean[notes.size()];
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int i = 0; i < notes.size(); i++) {
                if (used[i]) {
                    continue;
                }
                KeyText.VerifierKey announced = announcedKey(notes.get(i));
                if (announced != null && trusts(chain, announced)) {
                    used[i] = true; // a key already trusted (given, or announced twice)
                    continue;
                }
                Trusted newest = chain.get(chain.size() - 1);
                try {
                    KeyAnnouncement.Followed followed = KeyAnnouncement.follow(
                            notes.get(i), List.of(newest.verifier().verifierKey()));
                    long size = followed.checkpoint().size();
                    long since = chain.size() > 1 ? chain.get(chain.size() - 2).lastSize() : 0;
                    if (size < since) {
                        throw new VerificationException("it is of size " + size + ", before the announcement of the "
                                + "key that signed it (size " + since + ")");
                    }
                    chain.set(chain.size() - 1, new Trusted(newest.verifier(), size));
                    chain.add(new Trusted(new NoteVerifier(followed.announced()), Long.MAX_VALUE));
                    announcements.add(announcement(followed, notes.get(i)));
                    fromServer |= origins.get(i).startsWith(SERVERS);
                    used[i] = true;
                    progress = true;
                } catch (VerificationException e) {
                    // perhaps signed by a key announced later in the list: tried again after it
                }
            }
        }
        for (int i = 0; i < notes.size(); i++) {
            if (!used[i]) {
                String reason;
                try {
                    KeyAnnouncement.follow(notes.get(i), List.of(chain.get(chain.size() - 1).verifier()
                                                                      .verifierKey()));
                    reason = "it does not follow from the keys trusted";
                } catch (VerificationException e) {
                    reason = e.getMessage();
                }
                throw new LogMismatch(origins.get(i) + " does not hand the log on to a new key from a key trusted "
                        + "(" + labels(chain) + "): " + reason);
            }
        }
        return new LogKeys(chain, announcements, fromServer);
    }

    private static TrustedCheckpoint announcement(KeyAnnouncement.Followed followed, String note) {
        return new TrustedCheckpoint(followed.checkpoint(), ANNOUNCEMENT + " of key "
                + label(new NoteVerifier(followed.announced())), note);
    }

    /**
     * The announcements followed (forward and back), as checkpoints: their roots must be those of the log verified at
     * their sizes, as a saved checkpoint's must.
     */
    List<TrustedCheckpoint> announcements() {
        return announcements;
    }

    /** Whether a newer key than the given one is trusted on the server's list alone (no announcement given as a file). */
    boolean fromServerOnly() {
        return fromServer;
    }

    private static KeyText.VerifierKey announcedKey(String note) {
        try {
            List<KeyText.VerifierKey> keys = KeyAnnouncement.announced(
                    org.consensusledger.tlog.Checkpoint.parse(SignedNote.parse(note).text()));
            return keys.size() == 1 ? keys.get(0) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean trusts(List<Trusted> chain, KeyText.VerifierKey key) {
        return chain.stream().anyMatch(trusted -> trusted.verifier().verifierKey().equals(key));
    }

    /** The log's name: every key's, and the checkpoints' origin. */
    String name() {
        return chain.get(0).verifier().name();
    }

    /** How many times the log's key was handed on. */
    int rotations() {
        return chain.size() - 1;
    }

    /** The newest key trusted. */
    NoteVerifier newest() {
        return chain.get(chain.size() - 1).verifier();
    }

    /** Checks that {@code note} is signed by a trusted key: every signature by one of them verifies, and there is one. */
    void verify(SignedNote note) throws VerificationException {
        List<NoteVerifier> verifiers = chain.stream().map(Trusted::verifier).toList();
        NoteVerifier.verify(note, verifiers);
    }

    /**
     * Refuses a checkpoint of {@code size} signed only by keys the log had retired before that size.
     *
     * @return null when fine, else the reason
     */
    String refusedAtSize(SignedNote note, long size) {
        Trusted latestSigner = null;
        for (Trusted trusted : chain) {
            boolean signs = note.signatures().stream().anyMatch(signature -> signature.keyName().equals(
                    trusted.verifier().name()) && signature.keyId() == trusted.verifier().keyId());
            if (signs) {
                if (size <= trusted.lastSize()) {
                    return null;
                }
                latestSigner = trusted;
            }
        }
        return latestSigner == null ? "no trusted key signs it" : "it is signed only by the key "
                + label(latestSigner.verifier()) + ", which the log retired at size " + latestSigner.lastSize()
                + " (a later key signs what comes after)";
    }

    private static String labels(List<Trusted> chain) {
        List<String> labels = new ArrayList<>();
        chain.forEach(trusted -> labels.add(label(trusted.verifier())));
        return String.join(", ", labels);
    }

    private static String label(NoteVerifier verifier) {
        return verifier.name() + "+" + KeyText.hex8(verifier.keyId());
    }
}
