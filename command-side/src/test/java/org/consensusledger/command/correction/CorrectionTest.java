package org.consensusledger.command.correction;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.NotAllowed;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.command.shared.UnknownReference;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.record.RecordCorrected;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

class CorrectionTest {

    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private static final String OBJECTION_TYPE = "org.consensusledger.events.proposal.ObjectionRaised";

    private final Map<String, StoredEvents.StoredEvent> stored = Map.of(
            "proposal-1 #3", new StoredEvents.StoredEvent("event-7", OBJECTION_TYPE, "body-1"),
            "org-9 #0", new StoredEvents.StoredEvent("event-1", "OrganisationRegistered", null));
    private AggregateTestFixture<Correction> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Correction.class);
        fixture.registerInjectableResource((StoredEvents) (aggregateId, sequenceNumber) ->
                Optional.ofNullable(stored.get(aggregateId + " #" + sequenceNumber)));
        fixture.registerInjectableResource(new StubDirectory()
                .organisation("chair", StakeholderGroup.GOVERNMENT)
                .organisation("member", StakeholderGroup.ACADEMIA)
                .body("body-1", BodyKind.PLENARY, null, Set.of("chair"), "chair", "member"));
    }

    @Test
    void aCoChairCorrectsARecordOfItsBodyPointingAtTheWrongEvent() {
        fixture.givenCurrentTime(NOW)
               .when(new RecordCorrection("c-1", "proposal-1", 3, "Raised by the wrong delegation",
                                          "It was raised by member", Actor.delegateOf("chair", "acc-1")))
               .expectEvents(new RecordCorrected("c-1", "proposal-1", 3, "event-7", OBJECTION_TYPE, "body-1",
                                                 "Raised by the wrong delegation", "It was raised by member", "chair",
                                                 NOW));
    }

    @Test
    void aMemberThatIsNotCoChairCannotCorrect() {
        fixture.givenCurrentTime(NOW)
               .when(new RecordCorrection("c-1", "proposal-1", 3, "wrong", "right",
                                          Actor.delegateOf("member", "acc-2")))
               .expectException(NotAllowed.class)
               .expectExceptionMessage("Only the secretariat or a co-chair of body \"Body body-1\" corrects its "
                                               + "records; this token is a delegate of Organisation member")
               .expectNoEvents();
    }

    @Test
    void onlyTheSecretariatCorrectsRecordsOfNoBody() {
        fixture.givenCurrentTime(NOW)
               .when(new RecordCorrection("c-1", "org-9", 0, "wrong name", "right name",
                                          Actor.delegateOf("chair", "acc-1")))
               .expectException(NotAllowed.class)
               .expectNoEvents();
        fixture.givenCurrentTime(NOW)
               .when(new RecordCorrection("c-2", "org-9", 0, "wrong name", "right name", Actor.secretariat("acc-s")))
               .expectEvents(new RecordCorrected("c-2", "org-9", 0, "event-1", "OrganisationRegistered", null,
                                                 "wrong name", "right name", null, NOW));
    }

    @Test
    void aCorrectionMustPointAtAStoredEvent() {
        fixture.givenCurrentTime(NOW)
               .when(new RecordCorrection("c-1", "proposal-1", 4, "wrong", "right", Actor.secretariat("acc-s")))
               .expectException(UnknownReference.class)
               .expectExceptionMessage("There is no event proposal-1 #4")
               .expectNoEvents();
    }

    @Test
    void aCorrectionSaysWhatIsWrongAndWhatIsRight() {
        fixture.givenCurrentTime(NOW)
               .when(new RecordCorrection("c-1", "proposal-1", 3, "wrong", " ", Actor.secretariat("acc-s")))
               .expectException(RuleViolation.class)
               .expectNoEvents();
    }
}
