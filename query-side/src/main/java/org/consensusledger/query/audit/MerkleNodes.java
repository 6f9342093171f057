package org.consensusledger.query.audit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.consensusledger.tlog.MerkleNode;
import org.consensusledger.tlog.NodeId;
import org.consensusledger.tlog.NodeReader;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tree's stored complete subtrees in MongoDB ({@code merkle_nodes}): one document per node, {@code _id}
 * {@code "<level>/<index>"}, {@code hash} the 32 bytes. Nodes never change once written: a node written again (two
 * instances, or a step repeated after a crash) would hold the same bytes. A proof's nodes are read in one query.
 */
final class MerkleNodes implements NodeReader {


    private final MongoCollection<BsonDocument> nodes;

    MerkleNodes(MongoCollection<BsonDocument> nodes) {
        this.nodes = nodes;
    }

    static String key(int level, long index) {
        return level + "/" + index;
    }

    @Override
    public byte[] node(int level, long index) {
        return nodes(List.of(new NodeId(level, index))).get(0);
    }

    @Override
    public List<byte[]> nodes(List<NodeId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<BsonValue> keys = new ArrayList<>(ids.size());
        ids.forEach(id -> keys.add(new BsonString(key(id.level(), id.index()))));
        Map<String, byte[]> found = new HashMap<>();
        for (BsonDocument node : nodes.find(Filters.in("_id", keys))) {
            found.put(node.getString("_id").getValue(), node.getBinary("hash").getData());
        }
        List<byte[]> hashes = new ArrayList<>(ids.size());
        for (NodeId id : ids) {
            byte[] hash = found.get(key(id.level(), id.index()));
            if (hash == null) {
                throw new IllegalStateException("The tree has no node " + key(id.level(), id.index()));
            }
            hashes.add(hash);
        }
        return hashes;
    }

    /**
     * Inserts the nodes. A node already there (a step repeated after a crash, or taken by another instance too) is
     * refused as a duplicate and left as it is: it holds the same bytes, since nodes depend only on the log.
     */
    void write(List<MerkleNode> written) {
        if (written.isEmpty()) {
            return;
        }
        List<BsonDocument> documents = new ArrayList<>(written.size());
        for (MerkleNode node : written) {
            documents.add(new BsonDocument("_id", new BsonString(key(node.level(), node.index())))
                                  .append("hash", new BsonBinary(node.hash())));
        }
        try {
            nodes.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                                      .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode())
                                              == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates || e.getWriteConcernError() != null) {
                throw e;
            }
        }
    }
}
