package org.consensusledger.eventlog.spring;

import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A token store that never lets a processor's position pass an event whose read-model writes are not stored.
 * <p>
 * Axon's streaming processors store a batch's token in the first step of committing its unit of work
 * ({@code WorkPackage} registers that step before any handler runs), so a read model that writes its documents when
 * the batch commits would write them <em>after</em> the token: a crash in between, or a write that fails, leaves
 * the token past events whose changes were never stored — the public record silently loses them. Here a read model
 * registers its pending writes with {@link #beforeToken(Runnable)}; when the batch's token is stored, they run first,
 * and the token is written only once they have all been acknowledged. If one fails, the token is not written, the
 * batch rolls back and the processor handles it again.
 * <p>
 * Acknowledged-then-token is enough for durability too: the writes and the token go to one server, which makes
 * writes durable in the order it applied them (MongoDB's journal and a replica set's majority-committed oplog hold a
 * prefix of the writes; the embedded server commits whole writes in order, see {@code SerializedWritesBackend}), so a
 * crash that keeps the token keeps the writes before it. Read-model documents carry the position of the last event
 * applied to them, so the events after a lost token are applied again without effect where already applied.
 */
public final class WritesFirstTokenStore implements TokenStore {

    private static final String PENDING = WritesFirstTokenStore.class.getName() + ".pending";

    private final TokenStore delegate;

    public WritesFirstTokenStore(TokenStore delegate) {
        this.delegate = delegate;
    }

    /**
     * Registers writes of the current unit of work that must be stored before its token; they also run when it
     * commits (a unit of work without a token, such as a rebuild's, still writes). Each runs once.
     */
    public static void beforeToken(Runnable writes) {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        List<Runnable> pending = unitOfWork.getResource(PENDING);
        if (pending == null) {
            pending = new ArrayList<>();
            unitOfWork.resources().put(PENDING, pending);
            unitOfWork.onPrepareCommit(WritesFirstTokenStore::runPending);
        }
        pending.add(writes);
    }

    private static void runPending(UnitOfWork<?> unitOfWork) {
        List<Runnable> pending = unitOfWork.root().getResource(PENDING);
        if (pending == null) {
            return;
        }
        while (!pending.isEmpty()) {
            pending.remove(0).run();
        }
    }

    @Override
    public void storeToken(TrackingToken token, String processorName, int segment) {
        if (CurrentUnitOfWork.isStarted()) {
            runPending(CurrentUnitOfWork.get());
        }
        delegate.storeToken(token, processorName, segment);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount) {
        delegate.initializeTokenSegments(processorName, segmentCount);
    }

    @Override
    public void initializeTokenSegments(String processorName, int segmentCount, TrackingToken initialToken) {
        delegate.initializeTokenSegments(processorName, segmentCount, initialToken);
    }

    @Override
    public TrackingToken fetchToken(String processorName, int segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public TrackingToken fetchToken(String processorName, Segment segment) {
        return delegate.fetchToken(processorName, segment);
    }

    @Override
    public void extendClaim(String processorName, int segment) {
        delegate.extendClaim(processorName, segment);
    }

    @Override
    public void releaseClaim(String processorName, int segment) {
        delegate.releaseClaim(processorName, segment);
    }

    @Override
    public void initializeSegment(TrackingToken token, String processorName, int segment) {
        delegate.initializeSegment(token, processorName, segment);
    }

    @Override
    public void deleteToken(String processorName, int segment) throws UnableToClaimTokenException {
        delegate.deleteToken(processorName, segment);
    }

    @Override
    public boolean requiresExplicitSegmentInitialization() {
        return delegate.requiresExplicitSegmentInitialization();
    }

    @Override
    public int[] fetchSegments(String processorName) {
        return delegate.fetchSegments(processorName);
    }

    @Override
    public List<Segment> fetchAvailableSegments(String processorName) {
        return delegate.fetchAvailableSegments(processorName);
    }

    @Override
    public Optional<String> retrieveStorageIdentifier() {
        return delegate.retrieveStorageIdentifier();
    }
}
