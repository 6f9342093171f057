package org.consensusledger.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
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
 * Metadata maps are left as the backend makes them. Documents keep the BSON they were read or written as
 * ({@link EncodedDocuments}, one for the store); a collection forgets it for a document the backend changes in place.
 */
final class BsonH2Backend extends H2Backend {

    private static final String DOCUMENT_MAPS = IndexKeyFormat.DOCUMENT_MAPS;
    /** The name H2Database gives a collection's map of metadata (its data size). */
    private static final String META_MAPS = "meta.";

    private final EncodedDocuments encoded;

    private BsonH2Backend(MVStore store, EncodedDocuments encoded) {
        super(store);
        this.encoded = encoded;
    }

    /** The backend on {@code store}, with the document maps already in it opened as BSON first. */
    static BsonH2Backend on(MVStore store) {
        IndexKeyFormat.convert(store);
        EncodedDocuments encoded = new EncodedDocuments();
        store.getMapNames().stream().filter(name -> name.startsWith(DOCUMENT_MAPS))
             .forEach(name -> openDocuments(store, name, encoded));
        return new BsonH2Backend(store, encoded);
    }

    private static MVMap<Object, Document> openDocuments(MVStore store, String name, EncodedDocuments encoded) {
        return store.openMap(name, new MVMap.Builder<Object, Document>().valueType(new BsonDocumentType(encoded)));
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

        /** As H2Database opens a collection, with the BSON type for its documents and {@link BsonCollection}. */
        @Override
        protected MongoCollection<Object> openOrCreateCollection(String name, CollectionOptions options) {
            String namespace = getFullCollectionNamespace(name);
            MVMap<Object, Document> documents = openDocuments(getMvStore(), DOCUMENT_MAPS + namespace, encoded);
            MVMap<String, Object> metadata = getMvStore().openMap(META_MAPS + namespace);
            return new BsonCollection(this, name, options, documents, metadata);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collection, String index, List<IndexKey> keys,
                                                        boolean sparse) {
            IndexKeyFormat.open(getMvStore(), IndexKeyFormat.mapName(getFullCollectionNamespace(collection), index));
            return super.openOrCreateUniqueIndex(collection, index, keys, sparse);
        }
    }

    /**
     * A collection whose documents changed in place forget their remembered BSON before they are stored again, and
     * whose data size (collStats' {@code size}) is counted from the BSON it stores: mongo-java-server would encode
     * every document inserted, updated or removed once more only to measure it.
     */
    private final class BsonCollection extends H2Collection {

        BsonCollection(MongoDatabase database, String name, CollectionOptions options,
                       MVMap<Object, Document> documents, MVMap<String, Object> metadata) {
            super(database, name, options, documents, metadata, getCursorRegistry());
        }

        @Override
        protected boolean tracksDataSize() {
            return false; // counted here instead
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            Object position = super.addDocumentInternal(document);
            updateDataSize(size(document));
            return position;
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            // mongo-java-server changed the stored instance itself: what is remembered for it is its old BSON
            byte[] before = encoded.get(newDocument);
            int sizeBefore = before != null ? before.length : size(oldDocument);
            encoded.forget(newDocument);
            encoded.forget(oldDocument);
            super.handleUpdate(position, oldDocument, newDocument);
            updateDataSize(size(newDocument) - sizeBefore);
        }

        @Override
        protected void removeDocument(Object position) {
            Document removed = getDocument(position);
            super.removeDocument(position);
            if (removed != null) {
                updateDataSize(-size(removed));
            }
        }

        private int size(Document document) {
            byte[] bson = encoded.bson(document);
            return bson != null ? bson.length : 0;
        }
    }
}
