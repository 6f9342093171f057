package org.consensusledger.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.axonframework.serialization.Revision;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.organisation.OrganisationEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordEvent;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event's JSON, as the log stores it, against a golden file: an accidental change to a record (a renamed,
 * removed or retyped field) fails here. A deliberate change needs a new {@code @Revision} and an upcaster; to write
 * the golden file of a new event type, run with {@code -Dgolden.write=true} and review the file.
 */
class EventGoldenFilesTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/events");
    private static final ObjectMapper MAPPER = LedgerJson.objectMapper()
                                                                 .enable(SerializationFeature.INDENT_OUTPUT);
    /** Event types past revision 1, each with its current revision. */
    private static final Map<Class<?>, String> REVISIONS = Map.of(MeetingClosed.class, "2", BodyEstablished.class, "2");
    private static final List<Class<?>> AGGREGATE_EVENTS = List.of(
            OrganisationEvent.class, BodyEvent.class, MeetingEvent.class, ProposalEvent.class, RecordEvent.class);

    @Test
    void everyEventTypeHasASampleAndRevisionOne() {
        List<Class<?>> eventTypes = AGGREGATE_EVENTS.stream()
                                                    .flatMap(sealed -> Arrays.stream(sealed.getPermittedSubclasses()))
                                                    .toList();
        assertThat(EventSamples.all()).extracting(Object::getClass)
                                      .containsExactlyInAnyOrderElementsOf(eventTypes);
        assertThat(eventTypes).hasSize(37).allSatisfy(type -> {
            assertThat(type.isRecord()).as("%s is a record", type).isTrue();
            assertThat(type.getAnnotation(Revision.class)).as("%s has @Revision", type).isNotNull();
            assertThat(type.getAnnotation(Revision.class).value()).as("%s's revision", type)
                                                                 .isEqualTo(REVISIONS.getOrDefault(type, "1"));
        });
    }

    /**
     * Revision 1 of {@code MeetingClosed} had no checkpoint: stored events of it read with the checkpoint null (a
     * field added at the end, nullable, needs no upcaster with Jackson).
     */
    @Test
    void aMeetingClosedOfRevisionOneReadsWithoutACheckpoint() throws IOException {
        MeetingClosed read = MAPPER.readValue(Files.readString(GOLDEN.resolve("MeetingClosed-revision-1.json")),
                                              MeetingClosed.class);

        assertThat(read.checkpoint()).isNull();
        assertThat(read.occurredAt()).isEqualTo(java.time.Instant.parse("2026-03-11T17:00:00Z"));
    }

    /** Revision 1 of {@code BodyEstablished} had no time zone: stored events of it read with none (UTC). */
    @Test
    void aBodyEstablishedOfRevisionOneReadsWithoutATimeZone() throws IOException {
        BodyEstablished read = MAPPER.readValue(Files.readString(GOLDEN.resolve("BodyEstablished-revision-1.json")),
                                                BodyEstablished.class);

        assertThat(read.timeZone()).isNull();
        assertThat(read.mandate()).isEqualTo("Draft principles for cross-border data flows.");
    }

    @TestFactory
    Stream<DynamicTest> storedJsonMatchesTheGoldenFile() {
        return EventSamples.all().stream().map(sample -> DynamicTest.dynamicTest(
                sample.getClass().getSimpleName(), () -> assertMatchesGoldenFile(sample)));
    }

    private static void assertMatchesGoldenFile(Object sample) throws IOException {
        Path file = GOLDEN.resolve(sample.getClass().getSimpleName() + ".json");
        String json = MAPPER.writeValueAsString(sample) + "\n";
        if (Boolean.getBoolean("golden.write") && !Files.exists(file)) {
            Files.createDirectories(GOLDEN);
            Files.writeString(file, json);
        }
        assertThat(file).as("golden file of %s (write it with -Dgolden.write=true)", sample.getClass()).exists();
        String golden = Files.readString(file);
        assertThat(json).as("JSON of %s", sample.getClass().getSimpleName()).isEqualTo(golden);
        JsonNode goldenTree = MAPPER.readTree(golden);
        assertThat(MAPPER.treeToValue(goldenTree, sample.getClass())).isEqualTo(sample);
    }
}
