package org.consensusledger.command.console;

import com.mongodb.client.model.Filters;
import org.consensusledger.command.web.CommandApiTest;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A console index kept before organisations were listed is rebuilt from the log at start, once: what its older
 * shape lacked is listed again, and the shape is recorded so that the next start leaves it be.
 */
class ConsoleIndexShapeTest extends CommandApiTest {

    @Test
    void anIndexOfAnOlderShapeIsRebuiltFromTheLog() throws Exception {
        String organisation = organisation("Shape Foundation", "CIVIL_SOCIETY");
        ConsoleIndex index = context.getBean(ConsoleIndex.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> listed(index, organisation));

        // As an index of shape 1 was: no organisations, no recorded shape.
        var collection = context.getBean(LedgerDatabase.class).collection(LedgerCollection.CONSOLE_INDEX);
        collection.deleteMany(Filters.eq("kind", ConsoleIndex.Kind.ORGANISATION.name()));
        collection.deleteOne(Filters.eq("_id", "shape"));
        assertThat(listed(index, organisation)).isFalse();
        assertThat(index.inShape()).isFalse();

        context.getBean(ConsoleIndexShape.class).run(null);

        assertThat(index.inShape()).isTrue();
        await().atMost(Duration.ofSeconds(30)).until(() -> listed(index, organisation));
    }

    private static boolean listed(ConsoleIndex index, String organisation) {
        return index.organisations().stream().anyMatch(entry -> entry.id().equals(organisation));
    }
}
