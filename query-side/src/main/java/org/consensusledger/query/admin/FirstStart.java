package org.consensusledger.query.admin;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.bson.Document;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ProjectionProperties;
import org.consensusledger.query.projection.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first start on a long log, and the first start of a version whose read models hold documents of another shape.
 * <p>
 * The first start on a long log. When no processor has ever stored a token (the read models were never built) and
 * the log holds more than {@code ledger.projections.first-start-rebuild-above} events (default 10,000), the read
 * models are built in one pass over the log, as a replay does ({@link Replays}), instead of by the processors
 * segment by segment, which is many times slower. Whether the tokens exist is read when this bean is created, before
 * the processors start and store their first ones. Should another instance already be processing, the processors
 * simply carry on.
 * <p>
 * A new version may store more in its read models' documents (issue 18 added, among others, who recorded each step,
 * a meeting's agenda and seal, and the corrections of every record), or store it otherwise (issue 19: a body's
 * proposals show the lifecycle's status, CALL_OPEN under a consensus call where they showed OPEN; issue 21: when
 * and by whom each meeting's opening and closing were recorded) — documents an
 * older version wrote lack it or say it otherwise, and some cannot even be read. {@link #SHAPE} is raised with every
 * such change and stored in {@code read_model_shape}; a start that finds read models built with another shape (or
 * with none recorded) rebuilds them all from the log at once, as {@code POST /api/admin/replay} does, and records the
 * new shape. The log itself is never touched.
 */
@Component
@ConditionalOnProperty(name = "ledger.replay", havingValue = "false", matchIfMissing = true)
class FirstStart {

    private static final Logger LOGGER = LoggerFactory.getLogger(FirstStart.class);
    /** The shape of the read models' documents this version writes: raised whenever one changes. */
    // 4: a body's time zone, who recorded a meeting's opening and closing (issue 21); 5: each body's latest decisions
    static final int SHAPE = 5; // (public_latest_decisions, issue 23)

    private final Replays replays;
    private final LedgerEventStorageEngine log;
    private final long above;
    private final boolean neverBuilt;
    private final MongoCollection<Document> shape;

    FirstStart(Replays replays, LedgerEventStorageEngine log, TokenPositions tokens, LedgerDatabase database,
               ProjectionProperties properties) {
        this.replays = replays;
        this.log = log;
        this.above = properties.firstStartRebuildAbove();
        this.neverBuilt = !tokens.anyStored();
        this.shape = database.journaled(LedgerCollection.READ_MODEL_SHAPE);
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildInOnePass() {
        long events = log.nextGlobalPosition();
        Document stored = shape.find(Filters.eq("_id", "shape")).first();
        Integer builtWith = stored == null ? null : stored.getInteger("version");
        if (neverBuilt) {
            if (events > above) {
                LOGGER.info("First start on a log of {} events: building the read models in one pass", events);
                rebuild();
            }
            recordShape();
        } else if (builtWith == null || builtWith != SHAPE) {
            LOGGER.warn("The read models were built by a version that stored documents of another shape ({}; this "
                                + "version's is {}): rebuilding them all from the log of {} events",
                        builtWith == null ? "none recorded" : builtWith, SHAPE, events);
            if (rebuild()) {
                recordShape();
            }
        }
    }

    /** Starts a rebuild of every read model; false when another instance is processing and keeps the old shape. */
    private boolean rebuild() {
        try {
            replays.replayAll();
            return true;
        } catch (UnableToClaimTokenException | IllegalStateException e) {
            LOGGER.info("Another instance is already processing; the processors build the read models ({})",
                        e.getMessage());
            return false;
        }
    }

    private void recordShape() {
        shape.replaceOne(Filters.eq("_id", "shape"), new Document("_id", "shape").append("version", SHAPE),
                         new ReplaceOptions().upsert(true));
    }
}
