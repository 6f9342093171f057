package org.consensusledger.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the NDJSON export and hands each event's leaf hash, in order, to a {@link LeafSink}, with what an optional
 * {@link EventDecoder} made of the event. Parsing, canonicalising, hashing ({@link LeafChecker}) and decoding are
 * most of the work, so they run on a small pool, a batch of lines at a time, while this thread splits the next lines
 * from the bytes ({@link Lines}) and consumes finished batches in their order. At most a few batches are in flight,
 * so memory stays bounded however long the export is. A blank line is skipped.
 */
final class ExportReader implements AutoCloseable {

    static final int BATCH = 256;

    /** Receives the leaf hashes in log order, each with what the decoder made of its event (or null). */
    interface LeafSink {
        void leaf(long position, byte[] leafHash, Object decoded) throws LogMismatch;
    }

    /** Makes something of a checked event, on the pool's threads; null when there is nothing to make of it. */
    interface EventDecoder {
        Object decode(String payloadType, byte[] line, long position) throws LogMismatch;
    }

    /**
     * The leaf hashes of one batch and what was decoded, and the first failure in it (after which nothing of the
     * batch counts).
     */
    private record Batch(long start, byte[][] leafHashes, Object[] decoded, int count, LogMismatch failure) {
    }

    private final ExecutorService pool;
    private final int maxInFlight;
    private final EventDecoder decoder;

    /**
     * @param threads hashing threads; 1 hashes on the reading thread itself
     * @param decoder what to make of each event besides its leaf, or null
     */
    ExportReader(int threads, EventDecoder decoder) {
        this.decoder = decoder;
        if (threads < 1) {
            throw new IllegalArgumentException("at least one thread is needed");
        }
        AtomicInteger number = new AtomicInteger();
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "leaf-hasher-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.maxInFlight = 4 * threads;
    }

    /**
     * Reads every line, checks it and passes its leaf hash on; stops at the first mismatch.
     *
     * @return the number of events read
     */
    long read(InputStream in, String what, LeafSink sink, Progress progress)
            throws LogMismatch, UnusableInputException {
        ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
        Lines input = new Lines(in);
        List<byte[]> lines = new ArrayList<>(BATCH);
        long start = 0;
        long done = 0;
        try {
            while (true) {
                byte[] line;
                try {
                    line = input.next();
                } catch (IOException e) {
                    throw new UnusableInputException("cannot read " + what + " after " + (start + lines.size())
                            + " events: " + Source.describe(e), e);
                }
                if (line != null && isBlank(line)) {
                    continue;
                }
                if (line != null) {
                    lines.add(line);
                }
                if (lines.size() == BATCH || (line == null && !lines.isEmpty())) {
                    List<byte[]> batch = lines;
                    long batchStart = start;
                    if (pool == null) {
                        done = consume(check(batch, batchStart), sink, progress);
                    } else {
                        inFlight.add(pool.submit(() -> check(batch, batchStart)));
                    }
                    start += batch.size();
                    lines = new ArrayList<>(BATCH);
                }
                while (!inFlight.isEmpty() && (inFlight.size() >= maxInFlight || line == null)) {
                    done = consume(await(inFlight.poll()), sink, progress);
                }
                if (line == null) {
                    return done;
                }
            }
        } finally {
            for (Future<Batch> pending : inFlight) {
                pending.cancel(true);
            }
        }
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * The lines of a stream of bytes, split at {@code \n}, without it (a {@code \r} before it stays: JSON takes it
     * for white space). The bytes are left as they are: the JSON parser reads them as UTF-8, on the hashing threads.
     */
    static final class Lines {
        private final InputStream in;
        private byte[] buffer = new byte[1 << 20];
        private int position;
        private int limit;
        private boolean ended;

        Lines(InputStream in) {
            this.in = in;
        }

        /** The next line, or null at the end. */
        byte[] next() throws IOException {
            int scanned = position;
            while (true) {
                for (int i = scanned; i < limit; i++) {
                    if (buffer[i] == '\n') {
                        byte[] line = Arrays.copyOfRange(buffer, position, i);
                        position = i + 1;
                        return line;
                    }
                }
                if (ended) {
                    if (position == limit) {
                        return null;
                    }
                    byte[] last = Arrays.copyOfRange(buffer, position, limit);
                    position = limit;
                    return last;
                }
                scanned = limit - position;
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
                if (limit == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                }
                int read = in.read(buffer, limit, buffer.length - limit);
                if (read < 0) {
                    ended = true;
                } else {
                    limit += read;
                }
            }
        }
    }

    private Batch check(List<byte[]> lines, long start) {
        byte[][] hashes = new byte[lines.size()][];
        Object[] decoded = new Object[lines.size()];
        for (int i = 0; i < hashes.length; i++) {
            try {
                LeafChecker.Leaf leaf = LeafChecker.leaf(lines.get(i), start + i);
                hashes[i] = leaf.hash();
                if (decoder != null) {
                    decoded[i] = decoder.decode(leaf.payloadType(), lines.get(i), start + i);
                }
            } catch (LogMismatch e) {
                return new Batch(start, hashes, decoded, i, e);
            }
        }
        return new Batch(start, hashes, decoded, hashes.length, null);
    }

    private static long consume(Batch batch, LeafSink sink, Progress progress) throws LogMismatch {
        for (int i = 0; i < batch.count(); i++) {
            sink.leaf(batch.start() + i, batch.leafHashes()[i], batch.decoded()[i]);
        }
        if (batch.failure() != null) {
            throw batch.failure();
        }
        long done = batch.start() + batch.count();
        progress.update(done);
        return done;
    }

    private static Batch await(Future<Batch> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing leaves", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            throw new IllegalStateException(cause);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
