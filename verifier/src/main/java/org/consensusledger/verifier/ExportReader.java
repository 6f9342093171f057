package org.consensusledger.verifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the NDJSON export and hands each event's leaf hash, in order, to a {@link LeafSink}. Parsing,
 * canonicalising and hashing ({@link LeafChecker}) is most of the work, so it runs on a small pool, a batch of
 * lines at a time, while this thread reads the next lines and consumes finished batches in their order. At most
 * a few batches are in flight, so memory stays bounded however long the export is. A blank line is skipped.
 */
final class ExportReader implements AutoCloseable {

    static final int BATCH = 256;

    /** Receives the leaf hashes in log order. */
    interface LeafSink {
        void leaf(long position, byte[] leafHash) throws LogMismatch;
    }

    /** The leaf hashes of one batch, and the first failure in it (after which nothing of the batch counts). */
    private record Batch(long start, byte[][] leafHashes, int count, LogMismatch failure) {
    }

    private final ExecutorService pool;
    private final int maxInFlight;

    /** @param threads hashing threads; 1 hashes on the reading thread itself */
    ExportReader(int threads) {
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
    long read(BufferedReader in, String what, LeafSink sink, Progress progress)
            throws LogMismatch, UnusableInputException {
        ArrayDeque<Future<Batch>> inFlight = new ArrayDeque<>();
        List<String> lines = new ArrayList<>(BATCH);
        long start = 0;
        long done = 0;
        try {
            while (true) {
                String line;
                try {
                    line = in.readLine();
                } catch (IOException e) {
                    throw new UnusableInputException("cannot read " + what + " after " + (start + lines.size())
                            + " events: " + Source.describe(e), e);
                }
                if (line != null && line.isBlank()) {
                    continue;
                }
                if (line != null) {
                    lines.add(line);
                }
                if (lines.size() == BATCH || (line == null && !lines.isEmpty())) {
                    List<String> batch = lines;
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

    private static Batch check(List<String> lines, long start) {
        byte[][] hashes = new byte[lines.size()][];
        for (int i = 0; i < hashes.length; i++) {
            try {
                hashes[i] = LeafChecker.leafHash(lines.get(i), start + i);
            } catch (LogMismatch e) {
                return new Batch(start, hashes, i, e);
            }
        }
        return new Batch(start, hashes, hashes.length, null);
    }

    private static long consume(Batch batch, LeafSink sink, Progress progress) throws LogMismatch {
        for (int i = 0; i < batch.count(); i++) {
            sink.leaf(batch.start() + i, batch.leafHashes()[i]);
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
