package org.consensusledger.eventlog;

import org.consensusledger.eventlog.testing.CollectionOwnership;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/architecture.md's table of owners lists every collection the ledger keeps, and no other, each with a writer. */
class CollectionTableTest {

    @Test
    void theTableOfOwnersListsExactlyTheLedgersCollectionsEachWithOneWriter() {
        var table = CollectionOwnership.table();

        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(
                Arrays.stream(LedgerCollection.values()).map(LedgerCollection::collectionName).toList());
        assertThat(table.values()).allSatisfy(row -> assertThat(row.writers()).as(row.collection()).hasSize(1));
    }
}
