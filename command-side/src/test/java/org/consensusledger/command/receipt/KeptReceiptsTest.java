package org.consensusledger.command.receipt;

import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Keeping receipts: a write that fails with any exception marks its batch done and says the receipt is not kept. */
class KeptReceiptsTest {

    @Test
    void aWriteThatFailsWithAnyExceptionMarksItsBatchDoneAndTheNextWriteIsNotEmpty() {
        List<Integer> inserted = new ArrayList<>();
        boolean[] fail = {true};
        @SuppressWarnings("unchecked")
        MongoCollection<Document> collection = (MongoCollection<Document>) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {MongoCollection.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("insertMany")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    List<?> documents = (List<?>) args[0];
                    inserted.add(documents.size());
                    if (fail[0]) {
                        throw new IllegalStateException("not a MongoException");
                    }
                    return null;
                });
        KeptReceipts kept = new KeptReceipts(collection);

        assertThat(kept.keep(new Document("_id", 1L))).isFalse();
        fail[0] = false;
        assertThat(kept.keep(new Document("_id", 2L))).isTrue();
        assertThat(inserted).containsExactly(1, 1);
    }
}
