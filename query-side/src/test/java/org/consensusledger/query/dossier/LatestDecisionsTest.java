package org.consensusledger.query.dossier;

import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.query.selfcheck.SelfCheck;
import org.consensusledger.query.web.QueryApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each body's latest decisions ({@code public_latest_decisions}), kept by the dossier projection: the latest
 * decision first, the same event twice changes nothing, and a body whose list cannot be trusted is read from its
 * dossiers. (A replay rebuilding it as live processing left it: {@code ReplayTest}.)
 */
class LatestDecisionsTest extends QueryApiTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    @Autowired
    private LatestDecisions latest;

    @Autowired
    private DossierProjection projection;

    @Autowired
    private LedgerEventStorageEngine log;

    @Autowired
    private LedgerDatabase database;

    @Autowired
    private SelfCheck selfCheck;

    @Test
    void aBodysDecisionsAreListedTheLatestFirstAndTheSameEventTwiceChangesNothing() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = body(run);
        List<String> proposals = List.of("first-" + run, "second-" + run, "third-" + run);
        proposals.forEach(proposal -> decide(body, "org-" + run, proposal));
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(body) != null && stored(body).getLong("decided") == 3);

        Document kept = stored(body);
        assertThat(kept.getList("latest", Document.class)).extracting(decision -> decision.getString("proposalId"))
                                                         .containsExactly("third-" + run, "second-" + run,
                                                                          "first-" + run);
        assertThat(latest.latest(3)).extracting(DossierDocument::id)
                                    .containsExactly("third-" + run, "second-" + run, "first-" + run);

        // The decision of the second proposal handed to the projection again, as a batch handled twice would.
        TrackedEventMessage<?> decision = event("second-" + run, RoughConsensusDeclared.class);
        projection.on((ProposalEvent) decision.getPayload(), (DomainEventMessage<?>) decision,
                      decision.trackingToken());
        assertThat(stored(body)).isEqualTo(kept);
    }

    @Test
    void aBodyWhoseListLostItsLatestDecisionsIsReadFromItsDossiers() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String body = body(run);
        decide(body, "org-" + run, "only-" + run);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(body) != null && stored(body).getLong("decided") == 1);
        Document kept = stored(body);
        // As after decisions set aside by appeals: more decided than the list holds.
        collection().updateOne(new Document("_id", body), new Document("$set", new Document("latest", List.of())));
        try {
            assertThat(latest.latest(10)).extracting(DossierDocument::id).contains("only-" + run);
        } finally {
            collection().replaceOne(new Document("_id", body), kept);
        }
        // Restored as the log says (the self-check compares this read model too, and other tests read its banner).
        assertThat(selfCheck.runFullPass()).succeedsWithin(Duration.ofSeconds(60))
                                           .satisfies(report -> assertThat(report.problemCount()).isZero());
    }

    private String body(String run) {
        String body = "wg-" + run;
        String org = "org-" + run;
        append("Organisation", org, new OrganisationRegistered(org, "Members " + run, StakeholderGroup.CIVIL_SOCIETY,
                                                               null));
        append("Body", body, new BodyEstablished(body, "Plenary " + run, BodyKind.PLENARY, null, "Mandate"));
        append("Body", body, new MemberAdmitted(body, org, StakeholderGroup.CIVIL_SOCIETY,
                                                AdmissionPath.BY_SECRETARIAT, null, null));
        return body;
    }

    private void decide(String body, String org, String proposal) {
        append("Proposal", proposal, new ProposalSubmitted(proposal, body, org, "Title " + proposal, "Text", "sha",
                                                           null, AT));
        append("Proposal", proposal, new RoughConsensusDeclared(proposal, body, 1, "sha", "Agreed", List.of(),
                                                                List.of(), org, null, AT));
    }

    private TrackedEventMessage<?> event(String proposal, Class<?> type) {
        try (Stream<? extends TrackedEventMessage<?>> events = log.readEvents(null, false)) {
            return events.filter(event -> event instanceof DomainEventMessage<?> domain
                                         && domain.getAggregateIdentifier().equals(proposal)
                                         && type.isInstance(event.getPayload()))
                         .findFirst().orElseThrow();
        }
    }

    private Document stored(String body) {
        return collection().find(new Document("_id", body)).first();
    }

    private MongoCollection<Document> collection() {
        return database.get().getCollection("public_latest_decisions");
    }
}
