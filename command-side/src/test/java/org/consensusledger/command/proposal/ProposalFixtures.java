package org.consensusledger.command.proposal;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.Directory.MeetingStatus;
import org.consensusledger.command.shared.NextStep;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.shared.StubDirectory;
import org.consensusledger.command.shared.Texts;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.hamcrest.Matcher;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.consensusledger.events.StakeholderGroup.ACADEMIA;
import static org.consensusledger.events.StakeholderGroup.CIVIL_SOCIETY;
import static org.consensusledger.events.StakeholderGroup.GOVERNMENT;
import static org.consensusledger.events.StakeholderGroup.PRIVATE_SECTOR;

/**
 * The world the proposal tests live in: working group "wg" under plenary "plenary"; gov and cso co-chair wg, biz and
 * uni are members; "chair-p" co-chairs the plenary; "outsider" belongs to neither. Meeting "m1" of wg opened at 09:00;
 * the ledger's time is 10:00.
 */
final class ProposalFixtures {

    static final Instant EARLIER = Instant.parse("2026-05-04T08:00:00Z");
    static final Instant OPENED = Instant.parse("2026-05-04T09:00:00Z");
    static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    static final String P = "p1";
    static final String WG = "wg";
    static final String TEXT_1 = "Data flows should be lawful.";
    static final String TEXT_2 = "Data flows should be lawful and fair.";
    static final Actor GOV_CHAIR = Actor.delegateOf("gov", "acc-gov");
    static final Actor CSO_CHAIR = Actor.delegateOf("cso", "acc-cso");
    static final Actor BIZ = Actor.delegateOf("biz", "acc-biz");
    static final Actor UNI = Actor.delegateOf("uni", "acc-uni");
    static final Actor PLENARY_CHAIR = Actor.delegateOf("chair-p", "acc-chair-p");
    static final Actor SECRETARIAT = Actor.secretariat("acc-secretariat");

    private ProposalFixtures() {
    }

    static AggregateTestFixture<Proposal> fixture() {
        AggregateTestFixture<Proposal> fixture = new AggregateTestFixture<>(Proposal.class);
        fixture.registerInjectableResource(new StubDirectory()
                .organisation("gov", GOVERNMENT).organisation("cso", CIVIL_SOCIETY)
                .organisation("biz", PRIVATE_SECTOR).organisation("uni", ACADEMIA)
                .organisation("chair-p", GOVERNMENT).organisation("outsider", CIVIL_SOCIETY)
                .body("plenary", BodyKind.PLENARY, null, Set.of("chair-p"), "chair-p")
                .body(WG, BodyKind.WORKING_GROUP, "plenary", Set.of("gov", "cso"), "gov", "cso", "biz", "uni")
                .body("other", BodyKind.PLENARY, null, Set.of(), "gov")
                .meeting("m1", WG, MeetingStatus.OPEN, OPENED, null)
                .meeting("m-other", "other", MeetingStatus.OPEN, OPENED, null)
                .meeting("m-later", WG, MeetingStatus.SCHEDULED, null, null));
        return fixture;
    }

    static ProposalSubmitted submitted() {
        return new ProposalSubmitted(P, WG, "biz", "Principle 1", TEXT_1, Texts.sha256(TEXT_1), null, EARLIER);
    }

    static ProposalRevised revised() {
        return new ProposalRevised(P, WG, 2, TEXT_2, Texts.sha256(TEXT_2), "Adds fair", "biz", null, EARLIER);
    }

    static ObjectionRaised objection(String id, String organisation, StakeholderGroup group, int version) {
        return new ObjectionRaised(P, WG, id, organisation, group, version, "Grounds of " + id, null, EARLIER);
    }

    static ObjectionAddressed notAccommodated(String id) {
        return new ObjectionAddressed(P, WG, id, Disposition.NOT_ACCOMMODATED, null, "Reasons for " + id, "gov", null,
                                      EARLIER);
    }

    static RoughConsensusDeclared declaredByGov() {
        return new RoughConsensusDeclared(P, WG, 1, Texts.sha256(TEXT_1), "Agreed", List.of(), List.of(), "gov", null,
                                          EARLIER);
    }

    /** A refusal that names exactly these steps as still allowed, in this order. */
    static Matcher<RuleViolation> nextSteps(NextStep... expected) {
        return Matchers.predicate(refusal -> refusal.next().equals(List.of(expected)));
    }
}
