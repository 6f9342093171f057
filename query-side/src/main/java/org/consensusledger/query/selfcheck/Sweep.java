package org.consensusledger.query.selfcheck;

import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.consensusledger.dossier.Positioned;
import org.consensusledger.query.projection.ReadModel;
import org.consensusledger.query.projection.TokenPositions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Every read-model document derived again from the log in one pass, in log order, with the projections' own handlers
 * (the read models in {@link ReadModel.Shadow shadow} mode), and compared with the stored one as soon as it is
 * complete. When a read model is first met, the positions of its stored documents are read; a derived document whose
 * position reaches its stored one is due: it is compared, then leaves memory. So memory holds only the documents
 * still open (a body, a meeting or a proposal with events later in the log), not the whole public record, and the
 * log is read once. Documents never reached (stored behind what the log says, or not stored at all) are compared at
 * the end, and stored documents that no event made are named. {@link Comparisons} says when a comparison is fair.
 */
final class Sweep {

    private static final int BATCH = 500;

    private final Map<String, EventHandlerInvoker> handlers;
    private final TokenPositions tokens;
    /** Every event below this position is swept (the log's head when the sweep began reading). */
    private final LongSupplier horizon;
    private final LongSupplier head;
    private final ReadModel.Shadow shadow = new ReadModel.Shadow();
    private final Map<ReadModel<?>, Map<String, Long>> storedPositions = new LinkedHashMap<>();
    private final Set<String> failed = new HashSet<>();
    private final List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
    private long compared;

    /**
     * @param horizon the position up to which the log has been read (the sweep covers every event below it)
     * @param head    the log's head now
     */
    Sweep(Map<String, EventHandlerInvoker> handlers, TokenPositions tokens, LongSupplier horizon, LongSupplier head) {
        this.handlers = handlers;
        this.tokens = tokens;
        this.horizon = horizon;
        this.head = head;
    }

    /** Documents derived and compared so far. */
    long documents() {
        return compared;
    }

    void accept(TrackedEventMessage<?> event, List<Problem> problems) {
        batch.add(event);
        if (batch.size() == BATCH) {
            flush(problems);
        }
    }

    private void flush(List<Problem> problems) {
        if (batch.isEmpty()) {
            return;
        }
        BatchingUnitOfWork<TrackedEventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(new ArrayList<>(batch));
        unitOfWork.resources().put(ReadModel.Shadow.KEY, shadow);
        unitOfWork.executeWithResult(() -> {
            TrackedEventMessage<?> event = (TrackedEventMessage<?>) CurrentUnitOfWork.get().getMessage();
            for (Map.Entry<String, EventHandlerInvoker> processor : handlers.entrySet()) {
                if (failed.contains(processor.getKey())) {
                    continue;
                }
                shadow.working(processor.getKey());
                try {
                    processor.getValue().handle(event, Segment.ROOT_SEGMENT);
                } catch (Exception e) {
                    failed.add(processor.getKey());
                    long position = event.trackingToken().position().orElse(-1);
                    problems.add(Problem.atPosition(Problem.Kind.PROJECTION_FAILS, position, "The "
                            + processor.getKey() + " read model's handlers fail on the event at position " + position
                            + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": "
                            + e.getMessage())));
                }
            }
            return null;
        });
        batch.clear();
        compareDue(problems);
    }

    /** Compares the documents whose derived position reached their stored one; settles those compared. */
    private void compareDue(List<Problem> problems) {
        Map<ReadModel<?>, Set<String>> touched = shadow.takeTouched();
        touched.keySet().forEach(model -> storedPositions.computeIfAbsent(model, ReadModel::positions));
        Map<String, OptionalLong> passed = passed();
        for (Map.Entry<ReadModel<?>, Set<String>> changed : touched.entrySet()) {
            ReadModel<?> model = changed.getKey();
            Map<String, Positioned<?>> derived = shadow.documents().getOrDefault(model, Map.of());
            Map<String, Long> stored = storedPositions.get(model);
            List<String> due = new ArrayList<>();
            for (String id : changed.getValue()) {
                Positioned<?> document = derived.get(id);
                Long storedAt = stored.get(id);
                if (document != null && storedAt != null && document.position() >= storedAt) {
                    due.add(id);
                }
            }
            compare(model, due, passed, false, problems);
        }
    }

    /** At the end: every document still open, and the stored ones no event made. */
    void finish(List<Problem> problems) {
        flush(problems);
        Map<String, OptionalLong> passed = passed();
        long sweptUpTo = horizon.getAsLong();
        for (Map.Entry<ReadModel<?>, Map<String, Positioned<?>>> open : new ArrayList<>(
                shadow.documents().entrySet())) {
            compare(open.getKey(), new ArrayList<>(open.getValue().keySet()), passed, true, problems);
        }
        for (Map.Entry<ReadModel<?>, Map<String, Long>> model : storedPositions.entrySet()) {
            Set<String> made = new HashSet<>(shadow.settled(model.getKey()));
            made.addAll(shadow.documents().getOrDefault(model.getKey(), Map.of()).keySet());
            String collection = model.getKey().collectionName();
            model.getValue().forEach((id, position) -> {
                if (!made.contains(id) && position < sweptUpTo) {
                    problems.add(Problem.ofDocument(Problem.Kind.DOCUMENT_UNEXPECTED, collection, id, position,
                                                    collection + " " + id + " is stored, but no event of the log "
                                                            + "makes it"));
                }
            });
        }
    }

    /**
     * Compares these derived documents with the stored ones (read in one go) and settles each one compared. At the
     * end ({@code last}), a stored document ahead of the derived one is judged too: the sweep has seen every event
     * below its horizon, so a stored position below it that the derived document has not reached is made up, and
     * one beyond the log's head is too.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void compare(ReadModel<?> model, List<String> ids, Map<String, OptionalLong> passed, boolean last,
                         List<Problem> problems) {
        String owner = shadow.owners().get(model);
        if (ids.isEmpty() || owner == null || failed.contains(owner)) {
            return;
        }
        Map<String, ? extends Positioned<?>> stored = ((ReadModel) model).findAll(ids);
        Map<String, Positioned<?>> derived = shadow.documents().getOrDefault(model, Map.of());
        long sweptUpTo = last ? horizon.getAsLong() : -1;
        long headNow = last ? head.getAsLong() : -1;
        for (String id : ids) {
            Positioned<?> expected = derived.get(id);
            Positioned<?> found = stored.get(id);
            boolean foreign = last && found != null && found.position() > expected.position()
                    && (found.position() < sweptUpTo || found.position() >= headNow);
            Comparisons.Outcome outcome = Comparisons.check(model.collectionName(), id, expected, found,
                                                            passed.getOrDefault(owner, OptionalLong.empty()),
                                                            foreign, problems);
            if (outcome != Comparisons.Outcome.NOT_YET || last) {
                shadow.settle(model, id);
                compared++;
            }
        }
    }

    /** Where each processor is, read before the documents it is compared with. */
    private Map<String, OptionalLong> passed() {
        Map<String, OptionalLong> passed = new HashMap<>();
        handlers.keySet().forEach(name -> passed.put(name, tokens.lowest(name)));
        return passed;
    }
}
