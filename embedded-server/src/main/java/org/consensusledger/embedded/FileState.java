package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.bson.Document;

/** Whether the file behind the gate takes writes now, and what a failed write meant. */
interface FileState {

    /** MongoDB's error code for a write refused for want of disk space. */
    int OUT_OF_DISK_SPACE = 14031;

    /** For a backend without a file: always writable, never failing. */
    FileState NONE = new FileState() {
        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public String refuse() {
            return null;
        }

        @Override
        public boolean failed(RuntimeException e) {
            return false;
        }
    };

    boolean writable();

    /** Why a write must be refused now (counting it as refused), or {@code null} when it can be stored. */
    String refuse();

    /**
     * Told what a write, a read or a commit threw: whether it was the file failing, in which case writes are
     * refused from now on, until it can be written again.
     */
    boolean failed(RuntimeException e);

    /**
     * Whether {@code e}, thrown while a write was being applied, is the file failing under it: the write may then be
     * applied in part (a document without its index entries), and must never be committed behind its refusal.
     */
    default boolean isFileFailure(RuntimeException e) {
        return false;
    }

    /** Closes {@code backend}, the one behind the gate, when the server stops. */
    default void close(MongoBackend backend) {
        backend.close();
    }

    /** MongoDB's answer to a write that cannot be stored now: {@code OutOfDiskSpace}, with why in words. */
    static Document outOfDiskSpace(String reason) {
        Document reply = new Document("ok", 0.0);
        reply.put("errmsg", reason);
        reply.put("code", OUT_OF_DISK_SPACE);
        reply.put("codeName", "OutOfDiskSpace");
        return reply;
    }
}
