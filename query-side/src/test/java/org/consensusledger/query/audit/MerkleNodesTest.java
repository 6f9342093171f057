package org.consensusledger.query.audit;

import com.mongodb.client.MongoCollection;
import org.bson.BsonDocument;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.tlog.MerkleNode;
import org.consensusledger.tlog.NodeId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The tree's stored nodes: read back as written, across levels, in one query; written again idempotently. */
class MerkleNodesTest {

    private final MongoCollection<BsonDocument> collection = TestMongo.shared().newClient()
            .getDatabase(TestMongo.freshDatabaseName()).getCollection(LedgerCollection.MERKLE_NODES.collectionName(), BsonDocument.class);
    private final MerkleNodes nodes = new MerkleNodes(collection);

    private static byte[] hash(int level, long index) {
        byte[] hash = new byte[32];
        hash[0] = (byte) level;
        for (int i = 0; i < 8; i++) {
            hash[1 + i] = (byte) (index >>> (8 * i));
        }
        return hash;
    }

    private static List<MerkleNode> level(int level, long from, long to) {
        List<MerkleNode> written = new ArrayList<>();
        for (long index = from; index < to; index++) {
            written.add(new MerkleNode(new NodeId(level, index), hash(level, index)));
        }
        return written;
    }

    @Test
    void nodesComeBackAsWrittenAcrossLevels() {
        nodes.write(level(0, 0, 300));
        List<MerkleNode> more = level(0, 300, 700);
        more.addAll(level(1, 0, 350));
        more.addAll(level(9, 0, 1));
        nodes.write(more);

        List<NodeId> ids = List.of(new NodeId(0, 0), new NodeId(0, 255), new NodeId(0, 256), new NodeId(0, 699),
                                   new NodeId(1, 349), new NodeId(9, 0));
        assertThat(nodes.nodes(ids)).containsExactly(hash(0, 0), hash(0, 255), hash(0, 256), hash(0, 699),
                                                     hash(1, 349), hash(9, 0));
        assertThat(collection.countDocuments()).isEqualTo(700 + 350 + 1);
    }

    @Test
    void writingNodesAgainChangesNothingAndAMissingNodeIsAnError() {
        nodes.write(level(0, 0, 10));
        nodes.write(level(0, 5, 12));

        assertThat(nodes.node(0, 11)).isEqualTo(hash(0, 11));
        assertThat(nodes.node(0, 3)).isEqualTo(hash(0, 3));
        assertThatThrownBy(() -> nodes.node(0, 12)).hasMessage("The tree has no node 0/12");
        assertThatThrownBy(() -> nodes.node(2, 0)).hasMessage("The tree has no node 2/0");
    }
}
