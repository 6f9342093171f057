package org.consensusledger.embedded;

import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Which of the file's index maps hold their keys as {@link IndexKeyType}, and the one-time conversion of those that
 * do not (written by a version before it, with H2's Java-serialised keys).
 *
 * <p>The file records every index map in the new format in a map of its own ({@value #FORMAT_MAP}: index map name →
 * format version). When the file opens, every index map not recorded there is rebuilt: its entries are copied into a
 * new map of the new type ({@value #CONVERTING} + its name), which then replaces it and is recorded, and the store is
 * committed after each map (so that a large file's maps are not all held in memory for one commit). A commit is all
 * or nothing and holds one map's copy, removal, rename and record together, so a crash during the conversion leaves
 * each map either converted and recorded or as it was (and perhaps a half-filled copy, which the next open drops),
 * and the next open converts those left.
 */
final class IndexKeyFormat {

    private static final Logger LOGGER = LoggerFactory.getLogger(IndexKeyFormat.class);

    /** No MongoDB database name holds a colon, so the backend never takes this map for one of a database's. */
    static final String FORMAT_MAP = "consensusledger:index-key-format";
    static final String CONVERTING = "consensusledger:converting:";
    /** The version of {@link IndexKeyType}'s format, recorded per map. */
    static final int CURRENT = 1;

    private static final String INDEX_MAP_MARK = "._index_";
    /** The maps of the collections' documents ({@link BsonH2Backend}). */
    static final String DOCUMENT_MAPS = "databases.";

    private IndexKeyFormat() {
    }

    /** Whether {@code name} is one of the H2 backend's index maps ({@code <database>.<collection>._index_<name>}). */
    static boolean isIndexMap(String name) {
        return name.contains(INDEX_MAP_MARK) && !name.startsWith(DOCUMENT_MAPS) && !name.startsWith("meta.")
               && !name.startsWith(CONVERTING) && !name.equals(FORMAT_MAP);
    }

    /** The map name the backend gives the index {@code index} of the collection {@code namespace} (db.collection). */
    static String mapName(String namespace, String index) {
        return namespace + INDEX_MAP_MARK + index;
    }

    /** Opens the index map {@code name} with the new key type (creating it if missing) and records it as such. */
    static MVMap<KeyValue, Object> open(MVStore store, String name) {
        MVMap<KeyValue, Object> map = store.openMap(name, builder());
        formats(store).putIfAbsent(name, CURRENT);
        return map;
    }

    /**
     * Opens the existing map {@code name} of {@code store} with the types the server gives it, without converting or
     * writing anything (for a store opened read-only): documents ({@value #DOCUMENT_MAPS}…) as BSON, an index map
     * the file records in the new format (or a conversion's copy) with {@link IndexKeyType}, anything else (an index
     * map of a file written before the compact keys among them) with H2's generic type.
     */
    static MVMap<?, ?> openAsStored(MVStore store, String name) {
        if (name.startsWith(DOCUMENT_MAPS)) {
            return store.openMap(name, new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType(new EncodedDocuments())));
        }
        boolean compact = name.startsWith(CONVERTING) || isIndexMap(name) && store.hasMap(FORMAT_MAP)
                && Integer.valueOf(CURRENT).equals(formats(store).get(name));
        return compact ? store.openMap(name, builder()) : store.openMap(name);
    }

    /**
     * Converts every index map of the file not yet recorded in the new format, and commits if anything changed.
     * Returns the names of the maps converted.
     */
    static List<String> convert(MVStore store) {
        MVMap<String, Integer> formats = formats(store);
        boolean changed = false;
        for (String leftOver : store.getMapNames().stream().filter(n -> n.startsWith(CONVERTING)).toList()) {
            store.removeMap(leftOver); // a copy a crashed conversion began: made again below
            changed = true;
        }
        for (String recorded : List.copyOf(formats.keySet())) {
            if (!store.hasMap(recorded)) {
                formats.remove(recorded); // its index was dropped
                changed = true;
            }
        }
        List<String> old = store.getMapNames().stream().filter(IndexKeyFormat::isIndexMap)
                                .filter(name -> !Integer.valueOf(CURRENT).equals(formats.get(name))).sorted().toList();
        if (changed) {
            store.commit();
        }
        for (String name : old) {
            convertOne(store, formats, name);
            store.commit(); // this map's copy, the old map's removal, the rename and the record: all or nothing
        }
        if (!old.isEmpty()) {
            LOGGER.info("Rebuilt {} index map(s) of the data file with compact keys, once: {}", old.size(), old);
        }
        return old;
    }

    private static void convertOne(MVStore store, MVMap<String, Integer> formats, String name) {
        MVMap<Object, Object> before = store.openMap(name); // H2's generic type, as the backend wrote it
        MVMap<KeyValue, Object> after = store.openMap(CONVERTING + name, builder());
        long duplicates = 0;
        for (Map.Entry<Object, Object> entry : before.entrySet()) {
            if (after.putIfAbsent((KeyValue) entry.getKey(), entry.getValue()) != null) {
                duplicates++;
            }
        }
        if (duplicates > 0) {
            // Only keys that Java serialisation wrote differently although equal (the same string twice as one
            // shared object): they named the same value, and a unique index holds it once.
            LOGGER.warn("Index map {}: {} key(s) held twice under the old format were merged", name, duplicates);
        }
        store.removeMap(before);
        store.renameMap(after, name);
        formats.put(name, CURRENT);
    }

    private static MVMap<String, Integer> formats(MVStore store) {
        return store.openMap(FORMAT_MAP);
    }

    private static MVMap.Builder<KeyValue, Object> builder() {
        return new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType());
    }
}
