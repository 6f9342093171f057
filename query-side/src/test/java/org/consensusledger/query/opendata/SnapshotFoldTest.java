package org.consensusledger.query.opendata;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.consensusledger.events.AdmissionPath;
import org.consensusledger.events.BodyKind;
import org.consensusledger.events.Disposition;
import org.consensusledger.events.MeetingFormat;
import org.consensusledger.events.StakeholderGroup;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.CoChairAppointed;
import org.consensusledger.events.body.MemberAdmitted;
import org.consensusledger.events.body.MemberWithdrawn;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ObjectionAddressed;
import org.consensusledger.events.proposal.ObjectionRaised;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.consensusledger.events.proposal.ProposalWithdrawn;
import org.consensusledger.events.proposal.SupportExpressed;
import org.consensusledger.query.projection.StoredEvents;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fold resumed from a snapshot ({@link SnapshotFold#from}) gives exactly what folding from the start of the log
 * gives, and leaves the snapshot it resumed from as it was: what lets {@link Exports} fold an earlier checkpoint from
 * the nearest snapshot kept below it.
 */
class SnapshotFoldTest {

    private static final Instant AT = Instant.parse("2026-03-04T09:30:00Z");

    @Test
    void aFoldResumedFromASnapshotEqualsTheFoldFromTheStartAndLeavesTheSnapshotAsItWas() {
        List<Object> events = List.of(
                new OrganisationRegistered("gov", "Ministry", StakeholderGroup.GOVERNMENT, "CH"),
                new OrganisationRegistered("cso", "Open Rights", StakeholderGroup.CIVIL_SOCIETY, null),
                new BodyEstablished("wg", "Working group", BodyKind.WORKING_GROUP, null, "Draft"),
                new MemberAdmitted("wg", "gov", StakeholderGroup.GOVERNMENT, AdmissionPath.BY_SECRETARIAT, null,
                                   null),
                new MemberAdmitted("wg", "cso", StakeholderGroup.CIVIL_SOCIETY, AdmissionPath.ON_REQUEST, "cso",
                                   "gov"),
                new CoChairAppointed("wg", "gov"),
                new MeetingScheduled("m1", "wg", "Session", AT, MeetingFormat.HYBRID, "Genève"),
                new ProposalSubmitted("p1", "wg", "cso", "Open data", "Text", "sha", "m1", AT),
                new ProposalSubmitted("p2", "wg", "gov", "Later", "Text", "sha", "m1", AT),
                // a snapshot is taken here, in the middle of everything that changes afterwards
                new MeetingOpened("m1", "wg", "gov", AT),
                new SupportExpressed("p1", "wg", "cso", StakeholderGroup.CIVIL_SOCIETY, 1, "Yes", "m1", AT),
                new ObjectionRaised("p1", "wg", "o1", "gov", StakeholderGroup.GOVERNMENT, 1, "Cost", "m1", AT),
                new ObjectionAddressed("p1", "wg", "o1", Disposition.NOT_ACCOMMODATED, null, "Cheap", "gov", "m1",
                                       AT),
                new ProposalWithdrawn("p2", "wg", "gov", "Merged", "m1", AT),
                new MemberWithdrawn("wg", "cso", "Left"),
                new MeetingClosed("m1", "wg", "gov", AT.plus(Duration.ofHours(2)), null));
        int middle = 9;

        SnapshotFold fromStart = new SnapshotFold();
        stored(events, 0, events.size()).forEach(fromStart::fold);
        Snapshot whole = fromStart.snapshot(stamp(events.size()));

        SnapshotFold first = new SnapshotFold();
        stored(events, 0, middle).forEach(first::fold);
        Snapshot half = first.snapshot(stamp(middle));
        Snapshot halfAgain = first.snapshot(stamp(middle));
        SnapshotFold resumed = SnapshotFold.from(half);
        assertThat(resumed.size()).isEqualTo(middle);
        stored(events, middle, events.size()).forEach(resumed::fold);

        assertThat(resumed.snapshot(stamp(events.size()))).isEqualTo(whole);
        assertThat(half).isEqualTo(halfAgain); // the snapshot resumed from is unchanged
        assertThat(half.memberships()).allSatisfy(m -> assertThat(m.endedAt()).isNull());
        assertThat(half.dossiers()).allSatisfy(d -> assertThat(d.contributions()).isEmpty());
    }

    private static List<StoredEvents.Stored> stored(List<Object> events, int from, int to) {
        List<StoredEvents.Stored> stored = new ArrayList<>();
        for (int i = from; i < to; i++) {
            stored.add(new StoredEvents.Stored(i, i, "e" + i, AT.plusSeconds(i), events.get(i),
                                               JsonNodeFactory.instance.objectNode()));
        }
        return stored;
    }

    private static Snapshot.Stamp stamp(long size) {
        return new Snapshot.Stamp(size, size - 1, "origin", "root", "origin\n" + size + "\nroot\n", AT);
    }
}
