package org.consensusledger.embedded;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Keeps a file killed at any moment able to find its last commit. MVStore writes each commit as a chunk at a free
 * place in the file and points its file header at a chunk only now and then (every 20 commits or so, and not when the
 * chunk goes at the end of the file); after a kill it follows the chunks from the one the header names, and from the
 * last one in the file. With dead chunks freed at once (retention time 0, no old versions kept: {@link
 * DataFileHousekeeping}), the chunk the header named, or one after it, was freed and written over while the header
 * still led to it: the reopened file then fell back to an older set of chunks, losing acknowledged writes
 * ({@code CrashPointsTest} found it in about one kill point in twenty; H2's default of 45 s only narrows it to
 * ledgers that wrote nothing for 45 s). So:
 * <ul>
 *   <li>after every commit the header is written at once, naming the chunk just written (MVStore's own
 *   {@code writeStoreHeader}, which it has no public way to ask for), before any write is acknowledged: the chunk a
 *   reopened file starts from is always the last;</li>
 *   <li>the last {@value #VERSIONS_KEPT} versions' chunks are kept, so that the chunk the header names is never freed
 *   before the header names a newer one;</li>
 *   <li>a file opened after a clean close keeps every chunk until its first commit: its header says "closed cleanly",
 *   and MVStore then checks every chunk it lists, dead ones too, on the next open; the first commit takes that mark
 *   away.</li>
 * </ul>
 * The cost is one write of the header's two 4 KB blocks per commit (no {@code fsync}). If this MVStore has no such
 * method, the store falls back to MVStore's own defaults (45 s, 5 versions), and says so once.
 */
final class HeaderAfterCommit {

    private static final Logger LOGGER = LoggerFactory.getLogger(HeaderAfterCommit.class);
    static final int VERSIONS_KEPT = 2;
    /** The header's mark of a clean close ({@code FileStore.HDR_CLEAN}). */
    private static final String CLEAN = "clean";
    private static final Method WRITE_HEADER = writeHeaderMethod();

    private HeaderAfterCommit() {
    }

    /** Right after {@code store} is opened, before anything is written to it. */
    static void opened(MVStore store) {
        store.setRetentionTime(WRITE_HEADER == null ? store.getFileStore().getDefaultRetentionTime() : 0);
        store.setVersionsToKeep(Integer.MAX_VALUE); // until the first commit takes the clean mark away
    }

    /** Right after each commit of {@code store}, before the writes it holds are acknowledged. */
    static void committed(MVStore store) {
        FileStore<?> file = store.getFileStore();
        if (file == null || store.isClosed() || file.getStoreHeader().containsKey(CLEAN)) {
            return; // nothing written since a clean open: every chunk the header's last version lists stays
        }
        if (WRITE_HEADER == null) {
            store.setVersionsToKeep(5); // MVStore's default, with its default retention time (set at open)
            return;
        }
        file.executeFileStoreOperation(() -> {
            try {
                WRITE_HEADER.invoke(file);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            } catch (InvocationTargetException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            }
        });
        store.setVersionsToKeep(VERSIONS_KEPT);
    }

    private static Method writeHeaderMethod() {
        try {
            Method method = Class.forName("org.h2.mvstore.RandomAccessStore").getDeclaredMethod("writeStoreHeader");
            method.setAccessible(true);
            return method;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.error("This H2 MVStore has no writeStoreHeader to call after each commit ({}): the embedded server "
                                 + "keeps dead chunks for MVStore's default retention time instead, and a file killed "
                                 + "after writing nothing for that long may lose its last writes", e.toString());
            return null;
        }
    }
}
