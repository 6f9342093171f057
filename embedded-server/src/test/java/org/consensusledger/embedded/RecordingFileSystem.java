package org.consensusledger.embedded;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * A file system for MVStore that records every write and truncation made to its files while {@link #recording} is
 * on, in order, so that a test can rebuild the file as a process killed after any of them would have left it.
 */
public final class RecordingFileSystem extends FilePathWrapper {

    static final String SCHEME = "recording";

    /** One change to the file: bytes written at a position, or (bytes null) a truncation to {@code position}. */
    public record Change(long position, byte[] bytes) {
    }

    private static final List<Change> CHANGES = new ArrayList<>();
    private static volatile boolean recording;

    static {
        FilePath.register(new RecordingFileSystem());
    }

    /** A durable embedded server on {@code file} through this file system. */
    public static EmbeddedMongoServer server(java.nio.file.Path file) {
        return EmbeddedMongoServer.durable(file, SCHEME + ":" + file, "127.0.0.1", 0,
                                           java.time.Duration.ofSeconds(1));
    }

    /** Records from now on ({@code true}) or no more. */

    public static void record(boolean on) {
        recording = on;
    }

    /** How many changes were recorded so far. */
    public static int count() {
        synchronized (CHANGES) {
            return CHANGES.size();
        }
    }

    /** The changes recorded, in order. */
    public static List<Change> changes() {
        synchronized (CHANGES) {
            return new ArrayList<>(CHANGES);
        }
    }

    /** Forgets the changes recorded. */
    public static void clear() {
        synchronized (CHANGES) {
            CHANGES.clear();
        }
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends ForwardingChannel {

        Channel(FileChannel base) {
            super(base);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            synchronized (CHANGES) {
                long position = base.position();
                ByteBuffer copy = src.duplicate();
                int written = base.write(src);
                note(position, copy, written);
                return written;
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            synchronized (CHANGES) {
                ByteBuffer copy = src.duplicate();
                int written = base.write(src, position);
                note(position, copy, written);
                return written;
            }
        }

        private static void note(long position, ByteBuffer copy, int written) {
            if (recording && written > 0) {
                byte[] bytes = new byte[written];
                copy.get(bytes);
                CHANGES.add(new Change(position, bytes));
            }
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            synchronized (CHANGES) {
                base.truncate(size);
                if (recording) {
                    CHANGES.add(new Change(size, null));
                }
            }
            return this;
        }
    }
}
