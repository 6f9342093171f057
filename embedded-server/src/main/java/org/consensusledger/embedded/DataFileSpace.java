package org.consensusledger.embedded;

/**
 * How the embedded server's data file uses its space: its size, how much of it lies in chunks (the rest is free
 * space between them, reused by later chunks), how much of the chunks' bytes are live pages, and the live bytes
 * that follow (an estimate from those two rates).
 *
 * @param fileBytes          the file's size
 * @param usedPercent        the part of the file in chunks
 * @param livePercent        the part of the chunks' bytes that are live pages (the rest are older copies, to be
 *                           compacted away)
 * @param liveBytesEstimate  {@code fileBytes × usedPercent × livePercent}
 */
public record DataFileSpace(long fileBytes, int usedPercent, int livePercent, long liveBytesEstimate) {

    /** The live bytes of one map of the file (a collection's documents, an index, metadata) and its entries. */
    public record MapSpace(String name, long entries, long bytes) {
    }
}
