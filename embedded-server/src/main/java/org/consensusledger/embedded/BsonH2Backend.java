package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * mongo-java-server's H2 backend with each collection's documents stored as BSON ({@link BsonDocumentType}). The
 * backend names a collection's document map {@code databases.<database>.<collection>}; every such map is opened
 * here with the BSON type before the backend opens it by name (MVStore then hands out the map already open), both
 * for the maps in the file when it opens and for collections created later. Each unique index's map
 * ({@code <database>.<collection>._index_<index>}) is opened the same way with compact keys ({@link IndexKeyType});
 * index maps a previous version wrote are rebuilt in that type once, when the file opens ({@link IndexKeyFormat}).
 * Metadata maps are left as the backend makes them.
 */
final class BsonH2Backend extends H2Backend {

    private static final String DOCUMENT_MAPS = IndexKeyFormat.DOCUMENT_MAPS;

    private BsonH2Backend(MVStore store) {
        super(store);
    }

    /** The backend on {@code store}, with the document maps already in it opened as BSON first. */
    static BsonH2Backend on(MVStore store) {
        IndexKeyFormat.convert(store);
        store.getMapNames().stream().filter(name -> name.startsWith(DOCUMENT_MAPS))
             .forEach(name -> openDocuments(store, name));
        return new BsonH2Backend(store);
    }

    private static void openDocuments(MVStore store, String name) {
        store.openMap(name, new MVMap.Builder<Object, Object>().valueType(new BsonDocumentType()));
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String name) {
        return new BsonDatabase(name);
    }

    /** An inner class, so that it reaches the store while its superclass's constructor opens its collections. */
    private final class BsonDatabase extends H2Database {

        BsonDatabase(String name) {
            super(name, getMvStore(), getCursorRegistry());
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            openDocuments(getMvStore(), DOCUMENT_MAPS + getFullCollectionNamespace(name));
            return super.openOrCreateCollection(name, options);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                        boolean sparse) {
            IndexKeyFormat.open(getMvStore(), IndexKeyFormat.mapName(getFullCollectionNamespace(collection), index));
            return super.openOrCreateUniqueIndex(collection, index, keys, sparse);
        }
    }
}
