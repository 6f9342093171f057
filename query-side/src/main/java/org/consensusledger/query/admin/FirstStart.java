package org.consensusledger.query.admin;

import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.query.projection.TokenPositions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The first start on a long log. When no processor has ever stored a token (the read models were never built) and
 * the log holds more than {@code ledger.projections.first-start-rebuild-above} events (default 10,000), the read
 * models are built in one pass over the log, as a replay does ({@link Replays}), instead of by the processors
 * segment by segment, which is many times slower. Whether the tokens exist is read when this bean is created, before
 * the processors start and store their first ones. Should another instance already be processing, the processors
 * simply carry on.
 */
@Component
@ConditionalOnProperty(name = "ledger.replay", havingValue = "false", matchIfMissing = true)
class FirstStart {

    private static final Logger LOGGER = LoggerFactory.getLogger(FirstStart.class);

    private final Replays replays;
    private final LedgerEventStorageEngine log;
    private final long above;
    private final boolean neverBuilt;

    FirstStart(Replays replays, LedgerEventStorageEngine log, TokenPositions tokens,
               @Value("${ledger.projections.first-start-rebuild-above:10000}") long above) {
        this.replays = replays;
        this.log = log;
        this.above = above;
        this.neverBuilt = !tokens.anyStored();
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildInOnePass() {
        long events = log.nextGlobalPosition();
        if (!neverBuilt || events <= above) {
            return;
        }
        LOGGER.info("First start on a log of {} events: building the read models in one pass", events);
        try {
            replays.replayAll();
        } catch (UnableToClaimTokenException | IllegalStateException e) {
            LOGGER.info("Another instance is already processing; the processors build the read models ({})",
                        e.getMessage());
        }
    }
}
