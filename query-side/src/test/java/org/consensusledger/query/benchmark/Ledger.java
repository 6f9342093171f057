package org.consensusledger.query.benchmark;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.AttendanceMode;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.Dissent;
import org.consensusledger.events.GroupTally;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.meeting.AttendanceRecorded;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ConcernRaised;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalRevised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.RoughConsensusDeclared;
import org.consensusledger.events.proposal.StandAsideRecorded;
import org.consensusledger.events.proposal.SupportExpressed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A synthetic ledger for the benchmark: bodies of six members each, meetings of five
 * proposals, and proposals whose stories run as a working
 * group's do — submitted, supported, a concern, two objections, a revision, both objections addressed, rough
 * consensus declared with a dissent (11 events). Each proposal, and each meeting, is written by one story, so
 * several threads can append stories at once.
 */
final class Ledger {

    static final int BODIES = Integer.getInteger("bench.bodies", 50);
    private static final int MEMBERS = 6;
    private static final int PROPOSALS_PER_MEETING = Integer.getInteger("bench.proposalsPerMeeting", 5);
    private static final StakeholderGroup[] GROUPS = {StakeholderGroup.GOVERNMENT, StakeholderGroup.CIVIL_SOCIETY,
            StakeholderGroup.PRIVATE_SECTOR, StakeholderGroup.ACADEMIA, StakeholderGroup.TECHNICAL_COMMUNITY,
            StakeholderGroup.MULTILATERAL};
    private static final Instant AT = Instant.parse("2026-03-04T09:00:00Z");
    private static final String TEXT = "Cross-border data flows should be lawful, fair and transparent. Each member "
            + "publishes how it meets this principle.\nReview in two years.";
    private static final Map<String, Object> META = Map.of("recordedBy", "account-chair", "actingFor", "org-0-0");

    private int stories;

    List<DomainEventMessage<?>> setUp() {
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (int b = 0; b < BODIES; b++) {
            String body = body(b);
            for (int m = 0; m < MEMBERS; m++) {
                events.add(event("Organisation", org(b, m), 0, new OrganisationRegistered(
                        org(b, m), "Organisation " + b + "-" + m, GROUPS[m], null)));
            }
            long seq = 0;
            events.add(event("Body", body, seq++, new BodyEstablished(body, "Working group " + b,
                                                                       BodyKind.WORKING_GROUP, null, "Mandate")));
            for (int m = 0; m < MEMBERS; m++) {
                events.add(event("Body", body, seq++, new MemberAdmitted(body, org(b, m), GROUPS[m],
                                                                         AdmissionPath.BY_SECRETARIAT, null, null)));
            }
            events.add(event("Body", body, seq++, new CoChairAppointed(body, org(b, 0))));
            events.add(event("Body", body, seq, new CoChairAppointed(body, org(b, 1))));
        }
        return events;
    }

    synchronized List<DomainEventMessage<?>> nextStory() {
        int n = stories++;
        int b = n % BODIES;
        int k = n / BODIES;
        String body = body(b);
        String meeting = "meeting-" + b + "-" + k / PROPOSALS_PER_MEETING;
        String p = proposal(n);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        if (k % PROPOSALS_PER_MEETING == 0) {
            events.add(event("Meeting", meeting, 0, new MeetingScheduled(meeting, body, "Session", AT,
                                                                         MeetingFormat.HYBRID, "Online")));
            events.add(event("Meeting", meeting, 1, new MeetingOpened(meeting, body, org(b, 0), AT)));
            for (int m = 0; m < MEMBERS; m++) {
                events.add(event("Meeting", meeting, 2 + m, new AttendanceRecorded(
                        meeting, body, org(b, m), AttendanceMode.REMOTE, AT)));
            }
        }
        long s = 0;
        events.add(event("Proposal", p, s++, new ProposalSubmitted(p, body, org(b, 2), "Principle " + n, TEXT,
                                                                   "sha-1", meeting, AT)));
        for (int m = 3; m < 6; m++) {
            events.add(event("Proposal", p, s++, new SupportExpressed(p, body, org(b, m), GROUPS[m], 1, "Agreed",
                                                                      meeting, AT)));
        }
        events.add(event("Proposal", p, s++, new ConcernRaised(p, body, p + "-c", org(b, 1), GROUPS[1], 1,
                                                               "Define fair", meeting, AT)));
        events.add(event("Proposal", p, s++, new ObjectionRaised(p, body, p + "-o1", org(b, 0), GROUPS[0], 1,
                                                                 "Conflicts with national law", meeting, AT)));
        events.add(event("Proposal", p, s++, new ObjectionRaised(p, body, p + "-o2", org(b, 1), GROUPS[1], 1,
                                                                 "Too vague", meeting, AT)));
        events.add(event("Proposal", p, s++, new ProposalRevised(p, body, 2, TEXT.replace("fair", "fair, as "
                + "defined in the annex,"), "sha-2", "Defines fair", org(b, 2), meeting, AT)));
        events.add(event("Proposal", p, s++, new ObjectionAddressed(p, body, p + "-o2", Disposition.ACCOMMODATED, 2,
                                                                    "Version 2 defines it", org(b, 0), meeting, AT)));
        events.add(event("Proposal", p, s++, new ObjectionAddressed(
                p, body, p + "-o1", Disposition.NOT_ACCOMMODATED, null,
                "The text leaves national law untouched, as the legal review of the annex shows", org(b, 1), meeting,
                AT)));
        events.add(event("Proposal", p, s, new RoughConsensusDeclared(
                p, body, 2, "sha-2", "Rough consensus", List.of(new Dissent(
                p + "-o1", org(b, 0), GROUPS[0], "Conflicts with national law", "The text leaves national law")),
                List.of(new GroupTally(StakeholderGroup.ACADEMIA, 1, 0, 0, 0)), org(b, 1), meeting, AT)));
        return events;
    }

    /**
     * A proposal of body 0 with {@code events} events, as a long debate leaves it: a revision every tenth event (each
     * adds a paragraph, so every version has a diff), objections each followed by its disposition, support,
     * stand-asides and concerns from all six members, and a declaration of rough consensus at the end.
     */
    List<DomainEventMessage<?>> longProposal(String p, int events) {
        String body = body(0);
        String meeting = "meeting-0-0";
        List<DomainEventMessage<?>> story = new ArrayList<>();
        StringBuilder text = new StringBuilder(TEXT);
        int version = 1;
        long s = 0;
        story.add(event("Proposal", p, s++, new ProposalSubmitted(p, body, org(0, 2), "A long debate", TEXT, "sha-1",
                                                                  meeting, AT)));
        List<Dissent> dissent = new ArrayList<>();
        while (s < events - 1) {
            int m = (int) (s % MEMBERS);
            String objection = p + "-o" + s;
            switch ((int) (s % 10)) {
                case 0 -> {
                    text.append("\nParagraph ").append(s).append(": members report on this principle yearly.");
                    version++;
                    story.add(event("Proposal", p, s, new ProposalRevised(p, body, version, text.toString(),
                                                                          "sha-" + version, "Adds paragraph " + s,
                                                                          org(0, 2), meeting, AT)));
                }
                case 1 -> story.add(event("Proposal", p, s, new ObjectionRaised(
                        p, body, objection, org(0, m), GROUPS[m], version, "Objection " + s + ": too vague", meeting,
                        AT)));
                case 2 -> {
                    String raised = p + "-o" + (s - 1);
                    story.add(event("Proposal", p, s, new ObjectionAddressed(
                            p, body, raised, Disposition.NOT_ACCOMMODATED, null,
                            "Reasons " + s + ": the annex makes it precise", org(0, 0), meeting, AT)));
                    int objector = (int) ((s - 1) % MEMBERS);
                    dissent.add(new Dissent(raised, org(0, objector), GROUPS[objector], "Objection " + (s - 1)
                            + ": too vague", "Reasons " + s + ": the annex makes it precise"));
                }
                case 6, 7 -> story.add(event("Proposal", p, s, new ConcernRaised(
                        p, body, p + "-c" + s, org(0, m), GROUPS[m], version, "Concern " + s, meeting, AT)));
                case 8 -> story.add(event("Proposal", p, s, new StandAsideRecorded(
                        p, body, org(0, m), GROUPS[m], version, "Stands aside " + s, meeting, AT)));
                default -> story.add(event("Proposal", p, s, new SupportExpressed(
                        p, body, org(0, m), GROUPS[m], version, "Agreed " + s, meeting, AT)));
            }
            s++;
        }
        story.add(event("Proposal", p, s, new RoughConsensusDeclared(
                p, body, version, "sha-" + version, "Rough consensus after a long debate", dissent,
                List.of(new GroupTally(StakeholderGroup.ACADEMIA, 1, 1, 2, 1)), org(0, 1), meeting, AT)));
        return story;
    }

    synchronized int proposals() {
        return stories;
    }

    String sampleProposal() {
        return proposal(0);
    }

    private static DomainEventMessage<?> event(String type, String id, long sequence, Object payload) {
        return new GenericDomainEventMessage<>(type, id, sequence, payload, MetaData.from(META));
    }

    private static String body(int b) {
        return "body-" + b;
    }

    private static String org(int b, int m) {
        return "org-" + b + "-" + m;
    }

    private static String proposal(int n) {
        return "proposal-" + n;
    }
}
