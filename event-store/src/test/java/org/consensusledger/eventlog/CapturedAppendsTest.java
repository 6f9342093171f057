package org.consensusledger.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import org.consensusledger.eventlog.testing.TestMongo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.eventlog.testing.EventLogFixtures.engine;
import static org.consensusledger.eventlog.testing.EventLogFixtures.event;

/** What a thread appends while it captures is handed back exactly as the export reads it from the database. */
class CapturedAppendsTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    private LedgerEventStorageEngine engine;

    @BeforeEach
    void freshLog() {
        engine = engine(MONGO.freshDatabase());
    }

    @Test
    void theEventsAThreadStoredAreThoseTheExportReadsBackAtTheSamePositions() {
        engine.appendEvents(event("before", 0));

        LedgerEventStorageEngine.Captured<String> captured = engine.capture(() -> {
            engine.appendEvents(event("a", 0), event("a", 1));
            engine.appendEvents(event("b", 0));
            return "done";
        });

        assertThat(captured.result()).isEqualTo("done");
        List<JsonNode> exported = engine.storedEvents(1).toList();
        assertThat(captured.storedEvents()).isEqualTo(exported);
        assertThat(captured.storedEvents()).extracting(event -> event.path("globalPosition").asLong())
                                           .containsExactly(1L, 2L, 3L);
    }

    @Test
    void anotherThreadsAppendsAndAppendsOutsideTheCaptureAreNotCaptured() {
        LedgerEventStorageEngine.Captured<Void> captured = engine.capture(() -> {
            CompletableFuture.runAsync(() -> engine.appendEvents(event("elsewhere", 0))).join();
            engine.appendEvents(event("mine", 0));
            return null;
        });
        engine.appendEvents(event("after", 0));

        assertThat(captured.storedEvents()).extracting(event -> event.path("aggregateId").asText())
                                           .containsExactly("mine");
    }

    @Test
    void anOuterCaptureAlsoSeesWhatAnInnerOneSaw() {
        LedgerEventStorageEngine.Captured<Integer> outer = engine.capture(() -> {
            engine.appendEvents(event("outer", 0));
            return engine.capture(() -> {
                engine.appendEvents(event("inner", 0));
                return 1;
            }).storedEvents().size();
        });

        assertThat(outer.result()).isEqualTo(1);
        assertThat(outer.storedEvents()).extracting(event -> event.path("aggregateId").asText())
                                        .containsExactly("outer", "inner");
    }

    @Test
    void anActionThatFailsAfterStoringHandsBackWhatItStoredWithItsFailure() {
        IllegalStateException failure = new IllegalStateException("the unit of work failed after its commit");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.capture(() -> {
            engine.appendEvents(event("stored", 0));
            throw failure;
        })).isInstanceOfSatisfying(LedgerEventStorageEngine.StoredThenFailed.class, thrown -> {
            assertThat(thrown.failure()).isSameAs(failure);
            assertThat(thrown.storedEvents()).isEqualTo(engine.storedEvents(0).toList());
        });
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.capture(() -> {
            throw failure;
        })).isSameAs(failure);
    }
}
