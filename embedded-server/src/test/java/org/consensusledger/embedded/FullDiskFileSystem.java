package org.consensusledger.embedded;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A file system for MVStore (H2's {@link FilePath}) whose files refuse every write with the operating system's
 * "No space left on device" while {@link #fill()} is in effect, as a full disk does, but MVStore's header, written over
 * blocks the file has (which a full disk does not refuse), and take them again after {@link #free()}. Reads are never
 * refused. A file opens through it as {@code fulldisk:<path>}.
 */
public final class FullDiskFileSystem extends FilePathWrapper {

    static final String SCHEME = "fulldisk";
    private static final AtomicBoolean FULL = new AtomicBoolean();
    /** MVStore's file header: its first two 4 KB blocks, written over in place. */
    private static final long HEADER_END = 2 * 4096;

    static {
        FilePath.register(new FullDiskFileSystem());
    }

    /** The MVStore file name for {@code path} on this file system. */
    static String fileName(java.nio.file.Path path) {
        return SCHEME + ":" + path;
    }

    /** A durable embedded server on {@code file} through this file system, trying writes again every interval. */
    public static EmbeddedMongoServer server(java.nio.file.Path file, java.time.Duration retryInterval) {
        return EmbeddedMongoServer.durable(file, fileName(file), "127.0.0.1", 0, retryInterval);
    }

    /** The disk is full from now on: every write to a file but its header's refuses with "No space left on device". */
    public static void fill() {
        FULL.set(true);
    }

    /** Space is freed: writes go through again. */
    public static void free() {
        FULL.set(false);
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

        private static void refuseWhenFull() throws IOException {
            if (FULL.get()) {
                throw new IOException("No space left on device");
            }
        }

        /**
         * Every write but MVStore's header, which it writes over its own first two blocks: blocks a file has are not
         * refused by a full disk, and refusing it after a chunk went through would make a commit look failed that
         * the file holds.
         */
        private static void refuseWhenFull(ByteBuffer src, long position) throws IOException {
            if (position + src.remaining() > HEADER_END) {
                refuseWhenFull();
            }
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            refuseWhenFull(src, base.position());
            return base.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            refuseWhenFull(src, position);
            return base.write(src, position);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            refuseWhenFull();
            base.force(metaData);
        }
    }
}
