package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.SignedNote;

import java.util.ArrayList;
import java.util.List;

import static org.consensusledger.eventlog.SignedCheckpoints.NOTE;
import static org.consensusledger.eventlog.SignedCheckpoints.SIZE;

/**
 * The witnesses' cosignatures kept with a checkpoint in {@code log_checkpoints}: {@code cosignatures}, a list of C2SP
 * tlog-cosignature/v1 signature lines ({@code — <witness name> <base64>}, no newline), and {@code cosignedNote}, the
 * note they cosign. The checkpoint is served with them appended to its signature lines, as long as its note is still
 * the one they cosign. A checkpoint re-signed in place gets its own cosignatures again; until it has as many as the
 * note it replaced, that note ({@code previousNote}, {@code previousCosignatures}) is served instead.
 */
final class CosignedNotes {

    static final String COSIGNATURES = "cosignatures";
    static final String COSIGNED_NOTE = "cosignedNote";
    static final String PREVIOUS_NOTE = "previousNote";
    static final String PREVIOUS_COSIGNATURES = "previousCosignatures";
    private static final int ATTEMPTS = 5;

    private CosignedNotes() {
    }

    /** A signature line's key: its name and key id ({@code "<name> <hex8>"}), as signed-note tells keys apart. */
    static String keyOf(String line) {
        SignedNote.Signature signature = SignedNote.parse("key\n\n" + line + "\n").signatures().get(0);
        return signature.keyName() + " " + KeyText.hex8(signature.keyId());
    }

    /**
     * The checkpoint to serve: the stored note with the cosignatures of that very note appended; or, while the note
     * re-signed in place has fewer cosignatures than the one it replaced ({@code previousNote}: same size, same root,
     * its own time line), that one with its cosignatures, so that re-signing never leaves readers who require k
     * witnesses with fewer cosignatures than before.
     */
    static String note(Document document) {
        String note = document.getString(NOTE);
        List<String> lines = cosignatures(document);
        String previous = document.getString(PREVIOUS_NOTE);
        List<String> previousLines = document.getList(PREVIOUS_COSIGNATURES, String.class);
        if (previous != null && previousLines != null && previousLines.size() > lines.size()) {
            return appended(previous, previousLines);
        }
        return appended(note, lines);
    }

    /** The cosignatures of the stored note (none if the ones stored are of a note it replaced). */
    private static List<String> cosignatures(Document document) {
        List<String> lines = document.getList(COSIGNATURES, String.class);
        return lines == null || !document.getString(NOTE).equals(document.getString(COSIGNED_NOTE)) ? List.of()
                : lines;
    }

    private static String appended(String note, List<String> lines) {
        StringBuilder cosigned = new StringBuilder(note);
        lines.forEach(line -> cosigned.append(line).append('\n'));
        return cosigned.toString();
    }

    /**
     * What re-signing {@code stored} in place must also set: the note served now and its cosignatures become
     * {@code previousNote} and {@code previousCosignatures}, served until the new note has as many (nothing to set if
     * the served note has none, or is already the previous one).
     */
    static List<Bson> keepServed(Document stored) {
        List<String> lines = cosignatures(stored);
        List<String> previousLines = stored.getList(PREVIOUS_COSIGNATURES, String.class);
        if (lines.isEmpty() || previousLines != null && previousLines.size() > lines.size()) {
            return List.of();
        }
        return List.of(Updates.set(PREVIOUS_NOTE, stored.getString(NOTE)), Updates.set(PREVIOUS_COSIGNATURES, lines));
    }

    /** Forgets the note served in the meantime (a key rotation replaces the note: only the new one may be served). */
    static Bson forgetPrevious() {
        return Updates.combine(Updates.unset(PREVIOUS_NOTE), Updates.unset(PREVIOUS_COSIGNATURES));
    }

    /**
     * Adds or replaces the line of one witness key (name and key id), only if the checkpoint's note is still
     * {@code note}.
     */
    static boolean add(MongoCollection<Document> checkpoints, long size, String note, String line) {
        String key = keyOf(line);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document stored = checkpoints.find(Filters.and(Filters.eq(SIZE, size), Filters.eq(NOTE, note))).first();
            if (stored == null) {
                return false;
            }
            List<String> before = note.equals(stored.getString(COSIGNED_NOTE))
                    ? stored.getList(COSIGNATURES, String.class) : null;
            List<String> after = new ArrayList<>();
            if (before != null) {
                before.stream().filter(kept -> !key.equals(keyOf(kept))).forEach(after::add);
            }
            after.add(line);
            // Unchanged since it was read, or another witness's line added at once would be lost.
            Bson unchanged = before == null ? Filters.ne(COSIGNED_NOTE, note)
                    : Filters.eq(COSIGNATURES, before);
            List<String> previous = stored.getList(PREVIOUS_COSIGNATURES, String.class);
            // The new note as well cosigned as the one served meanwhile: that one is no longer needed.
            Bson update = previous != null && after.size() >= previous.size()
                    ? Updates.combine(Updates.set(COSIGNATURES, after), Updates.set(COSIGNED_NOTE, note),
                                      forgetPrevious())
                    : Updates.combine(Updates.set(COSIGNATURES, after), Updates.set(COSIGNED_NOTE, note));
            if (checkpoints.updateOne(Filters.and(Filters.eq(SIZE, size), Filters.eq(NOTE, note), unchanged),
                                      update).getModifiedCount() == 1) {
                return true;
            }
        }
        return false;
    }
}
