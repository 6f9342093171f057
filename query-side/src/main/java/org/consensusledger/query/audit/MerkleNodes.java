package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
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
 * {@code "<level>/<index>"}, {@code hash} the 32 bytes. Nodes never change once written, so writing one again (two
 * instances, or a step repeated after a crash) writes the same bytes. A proof's nodes are read in one query.
 */
final class MerkleNodes implements NodeReader {

    static final String COLLECTION = "merkle_nodes";

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

    void write(List<MerkleNode> written) {
        if (written.isEmpty()) {
            return;
        }
        List<WriteModel<BsonDocument>> writes = new ArrayList<>(written.size());
        for (MerkleNode node : written) {
            String key = key(node.level(), node.index());
            writes.add(new ReplaceOneModel<>(Filters.eq("_id", key),
                                             new BsonDocument("_id", new BsonString(key))
                                                     .append("hash", new BsonBinary(node.hash())),
                                             new ReplaceOptions().upsert(true)));
        }
        nodes.bulkWrite(writes, new BulkWriteOptions().ordered(false));
    }
}
