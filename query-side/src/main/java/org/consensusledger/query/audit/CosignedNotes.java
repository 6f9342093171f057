package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.List;

import static org.consensusledger.eventlog.SignedCheckpoints.NOTE;
import static org.consensusledger.eventlog.SignedCheckpoints.SIZE;

/**
 * The witnesses' cosignatures kept with a checkpoint in {@code log_checkpoints}: {@code cosignatures}, a list of C2SP
 * tlog-cosignature/v1 signature lines ({@code — <witness name> <base64>}, no newline), and {@code cosignedNote}, the
 * note they cosign. The checkpoint is served with them appended to its signature lines, as long as its note is still
 * the one they cosign (a checkpoint re-signed in place gets its own cosignatures again).
 */
final class CosignedNotes {

    static final String COSIGNATURES = "cosignatures";
    static final String COSIGNED_NOTE = "cosignedNote";
    private static final int ATTEMPTS = 5;

    private CosignedNotes() {
    }

    /** The stored checkpoint's note, with the cosignatures of that very note appended. */
    static String note(Document document) {
        String note = document.getString(NOTE);
        List<String> lines = document.getList(COSIGNATURES, String.class);
        if (lines == null || lines.isEmpty() || !note.equals(document.getString(COSIGNED_NOTE))) {
            return note;
        }
        StringBuilder cosigned = new StringBuilder(note);
        lines.forEach(line -> cosigned.append(line).append('\n'));
        return cosigned.toString();
    }

    /** Adds or replaces one witness's line, only if the checkpoint's note is still {@code note}. */
    static boolean add(MongoCollection<Document> checkpoints, long size, String note, String witness, String line) {
        String prefix = "\u2014 " + witness + " ";
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document stored = checkpoints.find(Filters.and(Filters.eq(SIZE, size), Filters.eq(NOTE, note))).first();
            if (stored == null) {
                return false;
            }
            List<String> before = note.equals(stored.getString(COSIGNED_NOTE))
                    ? stored.getList(COSIGNATURES, String.class) : null;
            List<String> after = new ArrayList<>();
            if (before != null) {
                before.stream().filter(kept -> !kept.startsWith(prefix)).forEach(after::add);
            }
            after.add(line);
            // Unchanged since it was read, or another witness's line added at once would be lost.
            Bson unchanged = before == null ? Filters.ne(COSIGNED_NOTE, note)
                    : Filters.eq(COSIGNATURES, before);
            if (checkpoints.updateOne(Filters.and(Filters.eq(SIZE, size), Filters.eq(NOTE, note), unchanged),
                                      Updates.combine(Updates.set(COSIGNATURES, after),
                                                      Updates.set(COSIGNED_NOTE, note))).getModifiedCount() == 1) {
                return true;
            }
        }
        return false;
    }
}
