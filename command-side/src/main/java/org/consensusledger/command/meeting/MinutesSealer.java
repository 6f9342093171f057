package org.consensusledger.command.meeting;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import jakarta.annotation.PreDestroy;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MetaData;
import org.bson.Document;
import org.consensusledger.command.meeting.MeetingCommands.SealMinutes;
import org.consensusledger.command.receipt.ReceiptIssuer;
import org.consensusledger.command.shared.RecordedAs;
import org.consensusledger.command.shared.RuleViolation;
import org.consensusledger.command.web.CommandSender;
import org.consensusledger.eventlog.SignedCheckpoints;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.events.meeting.MeetingClosed;
import org.consensusledger.events.meeting.MinutesSealed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Seals closed meetings' minutes. When a meeting closes, its closing's position in the log is noted
 * ({@code minutes_to_seal}, kept by a tracking processor of its own, so no closing is missed, even across restarts);
 * as soon as the query side has signed a checkpoint whose tree holds that position — it signs one at once when a
 * closing enters its tree — the ledger itself sends {@code SealMinutes}, recorded as {@code MinutesSealed} naming that
 * checkpoint. So the minutes are sealed by a checkpoint that covers every event of the meeting, its closing included,
 * a moment after the closing.
 */
@Component
@ProcessingGroup("minutes-sealer")
class MinutesSealer {

    private static final Logger LOGGER = LoggerFactory.getLogger(MinutesSealer.class);
    private static final long LOOK_MILLIS = 250;

    private final MongoCollection<Document> pending;
    private final SignedCheckpoints checkpoints;
    private final CommandGateway commands;
    private final ReceiptIssuer receipts;
    private final ScheduledExecutorService looking = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "minutes-sealer");
        thread.setDaemon(true);
        return thread;
    });

    MinutesSealer(LedgerDatabase database, CommandGateway commands, ReceiptIssuer receipts) {
        this.receipts = receipts;
        this.pending = database.journaled(LedgerCollection.MINUTES_TO_SEAL);
        this.checkpoints = new SignedCheckpoints(database.collection(LedgerCollection.LOG_CHECKPOINTS));
        this.commands = commands;
        looking.scheduleWithFixedDelay(this::sealWhatCanBe, LOOK_MILLIS, LOOK_MILLIS, TimeUnit.MILLISECONDS);
    }

    @EventHandler
    void on(MeetingClosed event, TrackingToken token) {
        long position = token.position().orElseThrow();
        pending.replaceOne(Filters.eq("_id", event.meetingId()),
                           new Document("_id", event.meetingId()).append("closingPosition", position),
                           new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(MinutesSealed event) {
        pending.deleteOne(Filters.eq("_id", event.meetingId()));
    }

    private void sealWhatCanBe() {
        try {
            List<Document> waiting = pending.find().into(new ArrayList<>());
            if (waiting.isEmpty()) {
                return;
            }
            Optional<SignedCheckpoints.Stored> latest = checkpoints.latest();
            if (latest.isEmpty()) {
                return;
            }
            for (Document meeting : waiting) {
                long closing = ((Number) meeting.get("closingPosition")).longValue();
                if (latest.get().size() > closing) {
                    seal(meeting.getString("_id"), closing, latest.get());
                }
            }
        } catch (RuntimeException e) {
            LOGGER.warn("Could not look for minutes to seal; looking again in {} ms", LOOK_MILLIS, e);
        }
    }

    private void seal(String meetingId, long closing, SignedCheckpoints.Stored checkpoint) {
        try {
            // MinutesSealed gets a receipt like every recorded event: the query side checks it as any other.
            receipts.issue(() -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                    new SealMinutes(meetingId, closing, checkpoint.size(), checkpoint.note()))
                                                      .andMetaData(MetaData.from(Map.of(
                                                              CommandSender.RECORDED_BY, RecordedAs.LEDGER_ACCOUNT)))));
        } catch (RuleViolation e) {
            // Sealed already, or refused for good (the rules do not change between tries): not tried again, so
            // that a refusal is logged once, not every 250 ms.
            pending.deleteOne(Filters.eq("_id", meetingId));
            if (!"minutes-already-sealed".equals(e.rule())) {
                LOGGER.error("The minutes of meeting {} cannot be sealed, and will not be tried again: {}", meetingId,
                             e.getMessage());
            }
        }
    }

    @PreDestroy
    void stop() {
        looking.shutdownNow();
    }
}
