package org.consensusledger.command.console;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.eventlog.testing.TestMongo;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What the chairing and secretariat screens list from the console index: organisations by name, mandates. */
class ConsoleIndexListsTest {

    @RegisterExtension
    static final TestMongo MONGO = TestMongo.start();

    private final ConsoleIndex index = new ConsoleIndex(new LedgerDatabase(MONGO.freshDatabase()));
    private final AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(index);

    @Test
    void organisationsAreListedByNameWithTheirStakeholderGroup() throws Exception {
        handle(new OrganisationRegistered("o2", "Privacy Now", StakeholderGroup.CIVIL_SOCIETY, null));
        handle(new OrganisationRegistered("o1", "Acme Networks", StakeholderGroup.PRIVATE_SECTOR, "PT"));
        handle(new OrganisationRegistered("o1", "Acme Networks", StakeholderGroup.PRIVATE_SECTOR, "PT"));

        assertThat(index.organisations()).extracting(ConsoleIndex.Entry::title)
                                         .containsExactly("Acme Networks", "Privacy Now");
        assertThat(index.organisations()).extracting(ConsoleIndex.Entry::status)
                                         .containsExactly("PRIVATE_SECTOR", "CIVIL_SOCIETY");
        assertThat(index.bodies()).as("organisations are no bodies").isEmpty();
    }

    @Test
    void aBodysMandateIsTheLatestAmended() throws Exception {
        handle(new BodyEstablished("b1", "Plenary", BodyKind.PLENARY, null, "Decide"));
        assertThat(index.mandate("b1")).contains("Decide");

        handle(new MandateAmended("b1", "Decide and publish", "Transparency"));

        assertThat(index.mandate("b1")).contains("Decide and publish");
        assertThat(index.bodies()).extracting(ConsoleIndex.Entry::title).containsExactly("Plenary");
        assertThat(index.mandate("nope")).isEmpty();
    }

    @Test
    void anIndexOfAnOlderShapeIsToBeRebuiltAndAnEmptyOneIsNot() throws Exception {
        assertThat(index.inShape()).as("empty: its processor starts at the log's start").isTrue();

        handle(new BodyEstablished("b1", "Plenary", BodyKind.PLENARY, null, "Decide"));
        assertThat(index.inShape()).as("entries, but kept before organisations were listed").isFalse();

        index.markInShape();
        assertThat(index.inShape()).isTrue();
        assertThat(index.bodies()).as("the shape is no entry").hasSize(1);
    }

    private void handle(Object event) throws Exception {
        handlers.handle(GenericEventMessage.asEventMessage(event));
    }
}
