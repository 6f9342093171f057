package org.consensusledger.query.site;

import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.organisation.OrganisationEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordEvent;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of event has a name in words ({@code step.<type>}): the pages name a step, and the step a correction
 * corrects, with it — a type without one would show as {@code ??step.…??}.
 */
class StepNamesTest {

    @Test
    void everyEventTypeOfTheLogHasANameInWords() throws IOException {
        Properties messages = new Properties();
        try (InputStream in = StepNamesTest.class.getResourceAsStream("/messages.properties")) {
            messages.load(in);
        }
        List<String> types = Stream.of(BodyEvent.class, MeetingEvent.class, OrganisationEvent.class,
                                       ProposalEvent.class, RecordEvent.class)
                                   .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                                   .map(Class::getSimpleName).toList();

        assertThat(types).hasSizeGreaterThan(30)
                         .allSatisfy(type -> assertThat(messages.getProperty("step." + type)).as(type).isNotBlank());
    }
}
