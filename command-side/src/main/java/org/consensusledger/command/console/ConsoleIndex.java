package org.consensusledger.command.console;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.body.BodyEstablished;
import org.consensusledger.events.body.MandateAmended;
import org.consensusledger.events.meeting.MeetingCancelled;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MeetingOpened;
import org.consensusledger.events.meeting.MeetingScheduled;
import org.consensusledger.events.organisation.OrganisationRegistered;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.proposal.ProposalLifecycle;
import org.consensusledger.events.proposal.ProposalStatus;
import org.consensusledger.events.proposal.ProposalSubmitted;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * What the console lists, which no aggregate can answer: the organisations, the bodies (with their mandates), and
 * each body's meetings and proposals, with their titles and where they stand ({@code console_index}, one document per
 * organisation, body, meeting or proposal; kept by its own tracking processor, so it is complete from the first event
 * and follows the log within moments). Every handler sets fields to what the event says, or moves a proposal on in
 * its lifecycle, so handling an event again changes nothing. The screens themselves read the aggregates, which are
 * current.
 * <p>
 * The index records the shape it is kept in ({@link #SHAPE}); an index of an older shape (one that did not list
 * organisations) is rebuilt once at start ({@code ConsoleIndexShape}).
 */
@Component
@ProcessingGroup("console-index")
class ConsoleIndex {

    static final String PROCESSOR = "console-index";
    /** 2: organisations and mandates are listed. */
    static final int SHAPE = 2;
    private static final String SHAPE_ID = "shape";

    enum Kind {
        ORGANISATION, BODY, MEETING, PROPOSAL
    }

    /** One entry; for an organisation, {@code title} is its name and {@code status} its stakeholder group. */
    record Entry(String id, Kind kind, String bodyId, String title, Instant at, String status) {
    }

    private final MongoCollection<Document> index;

    ConsoleIndex(LedgerDatabase database) {
        this.index = database.journaled(LedgerCollection.CONSOLE_INDEX);
        index.createIndex(Indexes.ascending("kind", "bodyId", "at"));
    }

    List<Entry> organisations() {
        return find(Filters.eq("kind", Kind.ORGANISATION.name()), Sorts.ascending("title"));
    }

    List<Entry> bodies() {
        return find(Filters.eq("kind", Kind.BODY.name()), Sorts.ascending("title"));
    }

    List<Entry> meetings(String bodyId) {
        return find(Filters.and(Filters.eq("kind", Kind.MEETING.name()), Filters.eq("bodyId", bodyId)),
                    Sorts.descending("at"));
    }

    List<Entry> proposals(String bodyId) {
        return find(Filters.and(Filters.eq("kind", Kind.PROPOSAL.name()), Filters.eq("bodyId", bodyId)),
                    Sorts.ascending("at"));
    }

    /** The body's mandate as it stands (empty for an unknown body, or one the index has not reached yet). */
    Optional<String> mandate(String bodyId) {
        Document entry = index.find(Filters.and(Filters.eq("_id", bodyId), Filters.eq("kind", Kind.BODY.name())))
                              .projection(Projections.include("mandate")).first();
        return Optional.ofNullable(entry == null ? null : entry.getString("mandate"));
    }

    /** Whether the index is kept in this version's shape; an empty one is (its processor starts at the log's start). */
    boolean inShape() {
        Document shape = index.find(Filters.eq("_id", SHAPE_ID)).first();
        if (shape == null) {
            return index.countDocuments() == 0;
        }
        return shape.getInteger("shape", 0) >= SHAPE;
    }

    void markInShape() {
        index.updateOne(Filters.eq("_id", SHAPE_ID), Updates.set("shape", SHAPE), new UpdateOptions().upsert(true));
    }

    @EventHandler
    void on(OrganisationRegistered event) {
        put(event.organisationId(), Kind.ORGANISATION, null, event.name(), null, event.stakeholderGroup().name());
    }

    @EventHandler
    void on(BodyEstablished event) {
        put(event.bodyId(), Kind.BODY, event.bodyId(), event.name(), null, null);
        index.updateOne(Filters.eq("_id", event.bodyId()), Updates.set("mandate", event.mandate()));
    }

    @EventHandler
    void on(MandateAmended event) {
        index.updateOne(Filters.eq("_id", event.bodyId()), Updates.set("mandate", event.mandate()));
    }

    @EventHandler
    void on(MeetingScheduled event) {
        put(event.meetingId(), Kind.MEETING, event.bodyId(), event.title(), event.startsAt(), "SCHEDULED");
    }

    @EventHandler
    void on(MeetingOpened event) {
        status(event.meetingId(), "OPEN");
    }

    @EventHandler
    void on(MeetingClosed event) {
        status(event.meetingId(), "CLOSED");
    }

    @EventHandler
    void on(MeetingCancelled event) {
        status(event.meetingId(), "CANCELLED");
    }

    @EventHandler
    void on(ProposalSubmitted event) {
        put(event.proposalId(), Kind.PROPOSAL, event.bodyId(), event.title(), event.occurredAt(),
            ProposalLifecycle.submitted().status().name());
    }

    /** Where a proposal stands after any other of its events is its lifecycle's to say, as everywhere else. */
    @EventHandler
    void on(ProposalEvent event) {
        Document entry = index.find(Filters.eq("_id", event.proposalId())).projection(Projections.include("status"))
                              .first();
        if (entry == null || entry.getString("status") == null) {
            return;
        }
        ProposalStatus before = ProposalStatus.valueOf(entry.getString("status"));
        ProposalStatus after = ProposalLifecycle.statusAfter(before, event);
        if (after != before) {
            status(event.proposalId(), after.name());
        }
    }

    private void put(String id, Kind kind, String bodyId, String title, Instant at, String status) {
        index.updateOne(Filters.eq("_id", id),
                        Updates.combine(Updates.set("kind", kind.name()), Updates.set("bodyId", bodyId),
                                        Updates.set("title", title),
                                        Updates.set("at", at == null ? null : Date.from(at)),
                                        Updates.set("status", status)),
                        new UpdateOptions().upsert(true));
    }

    private void status(String id, String status) {
        index.updateOne(Filters.eq("_id", id), Updates.set("status", status));
    }

    private List<Entry> find(Bson filter, Bson sort) {
        List<Entry> entries = new ArrayList<>();
        for (Document document : index.find(filter).sort(sort)) {
            Date at = document.getDate("at");
            entries.add(new Entry(document.getString("_id"), Kind.valueOf(document.getString("kind")),
                                  document.getString("bodyId"), document.getString("title"),
                                  at == null ? null : at.toInstant(), document.getString("status")));
        }
        return entries;
    }
}
