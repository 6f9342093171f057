package org.consensusledger.command.console;

import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordCorrected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The live room: every open console screen of a meeting hears, within a fraction of a second, that something of its
 * body was recorded — by any co-chair, on any screen, through the API — and who else has the meeting's console open.
 *
 * <p>One thread follows the head of the event log (the same log the aggregates append to, so nothing recorded is
 * missed, whichever process appended it) and tells each screen of the body concerned, as a server-sent event
 * {@code change} whose id is the event's global position. A browser's {@code EventSource} reconnects by itself and
 * sends the last id it saw ({@code Last-Event-ID}); if the log moved on meanwhile — a dropped connection, a restart
 * of the command side — it is told at once, and reads the state again. The screens do not replay events: each
 * change only makes them read the state again, so catching up is one message however much was missed.
 *
 * <p>Presence (who has the console of a meeting open) and the proposal "in hand" (the one a co-chair chose last,
 * which the projector view shows) are kept in memory only: they are about the people in the room now, not the record.
 */
@Component
class LiveRoom implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(LiveRoom.class);
    private static final long FOLLOW_MILLIS = 150;
    private static final long HEARTBEAT_MILLIS = 1_000;
    private static final int READ_AT_MOST = 5_000;

    private final LedgerEventStorageEngine log;
    private final List<Screen> screens = new CopyOnWriteArrayList<>();
    private final Map<String, String> inHand = new ConcurrentHashMap<>();
    private final ScheduledExecutorService following = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-room");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long head = -1;
    private volatile long lastHeartbeat = System.currentTimeMillis();
    private volatile boolean running;

    LiveRoom(LedgerEventStorageEngine log) {
        this.log = log;
    }

    /** A change of a body's record, as the screens hear it: enough to know what to read again. */
    record Change(long position, String type, String bodyId, String meetingId, String proposalId) {

        static Optional<Change> of(long position, Object payload) {
            String type = payload.getClass().getSimpleName();
            if (payload instanceof ProposalEvent event) {
                return Optional.of(new Change(position, type, event.bodyId(), event.meetingId(), event.proposalId()));
            }
            if (payload instanceof MeetingEvent event) {
                return Optional.of(new Change(position, type, event.bodyId(), event.meetingId(), null));
            }
            if (payload instanceof BodyEvent event) {
                return Optional.of(new Change(position, type, event.bodyId(), null, null));
            }
            if (payload instanceof RecordCorrected event) {
                return Optional.of(new Change(position, type, event.bodyId(), null, null));
            }
            // An organisation's record (its name) is shown on every screen.
            return Optional.of(new Change(position, type, null, null, null));
        }

        boolean concerns(String body) {
            return bodyId == null || bodyId.equals(body);
        }
    }

    /** One open screen of a meeting's console: whose it is, and the stream it hears on. */
    final class Screen {
        private final String meetingId;
        private final String bodyId;
        private final String who;
        private final SseEmitter emitter;
        private long position;

        private Screen(String meetingId, String bodyId, String who, SseEmitter emitter, long position) {
            this.meetingId = meetingId;
            this.bodyId = bodyId;
            this.who = who;
            this.emitter = emitter;
            this.position = position;
        }

        /** Sends one event; a screen that cannot be reached any more is let go. */
        private synchronized void send(SseEmitter.SseEventBuilder event) {
            try {
                emitter.send(event);
            } catch (IOException | IllegalStateException gone) {
                leave(this);
            }
        }
    }

    /**
     * Opens the stream of a meeting's screen: {@code who} names the person (an organisation's name, or the
     * secretariat); {@code lastSeen} is the position the screen last heard of, if it reconnects.
     */
    SseEmitter join(String meetingId, String bodyId, String who, Long lastSeen) {
        SseEmitter emitter = new SseEmitter(TimeUnit.MINUTES.toMillis(30));
        long now = currentHead();
        Screen screen = new Screen(meetingId, bodyId, who, emitter, now);
        emitter.onCompletion(() -> leave(screen));
        emitter.onTimeout(() -> leave(screen));
        emitter.onError(error -> leave(screen));
        screens.add(screen);
        screen.send(SseEmitter.event().reconnectTime(1_000).name("hello").id(String.valueOf(now))
                              .data(Map.of("inHand", inHand.getOrDefault(meetingId, "")),
                                    MediaType.APPLICATION_JSON));
        if (lastSeen != null && lastSeen < now) {
            // Something was recorded while this screen was away: one message, and it reads everything again.
            screen.send(SseEmitter.event().name("change").id(String.valueOf(now))
                                  .data(new Change(now, "Missed", bodyId, null, null), MediaType.APPLICATION_JSON));
        }
        presenceChanged(meetingId);
        return emitter;
    }

    /** A co-chair chose the proposal in hand: the projector and the other screens are told. */
    void handle(String meetingId, String proposalId) {
        inHand.put(meetingId, proposalId);
        for (Screen screen : screens) {
            if (screen.meetingId.equals(meetingId)) {
                screen.send(SseEmitter.event().name("in-hand").data(Map.of("proposalId", proposalId),
                                                                   MediaType.APPLICATION_JSON));
            }
        }
    }

    /** Who has this meeting's console open now, each once, in the order they came. */
    List<String> present(String meetingId) {
        List<String> present = new ArrayList<>();
        for (Screen screen : screens) {
            if (screen.meetingId.equals(meetingId) && !present.contains(screen.who)) {
                present.add(screen.who);
            }
        }
        return present;
    }

    private void leave(Screen screen) {
        if (screens.remove(screen)) {
            presenceChanged(screen.meetingId);
        }
    }

    private void presenceChanged(String meetingId) {
        Map<String, List<String>> present = Map.of("present", present(meetingId));
        for (Screen screen : screens) {
            if (screen.meetingId.equals(meetingId)) {
                screen.send(SseEmitter.event().name("presence").data(present, MediaType.APPLICATION_JSON));
            }
        }
    }

    private long currentHead() {
        if (head < 0) {
            head = ((GlobalSequenceTrackingToken) log.createHeadToken()).getGlobalIndex();
        }
        return head;
    }

    /** Tells every screen what was appended since the last look. */
    private void follow() {
        try {
            if (screens.isEmpty()) {
                head = -1;
                return;
            }
            long from = currentHead();
            TrackingToken after = new GlobalSequenceTrackingToken(from);
            try (Stream<? extends TrackedEventMessage<?>> appended = log.readEvents(after, false)) {
                appended.limit(READ_AT_MOST).forEach(message -> {
                    long position = ((GlobalSequenceTrackingToken) message.trackingToken()).getGlobalIndex();
                    Change.of(position, message.getPayload()).ifPresent(this::tell);
                    head = position;
                });
            }
            heartbeat();
        } catch (RuntimeException e) {
            LOGGER.warn("Could not follow the event log for the console's screens; trying again", e);
        }
    }

    private void tell(Change change) {
        for (Screen screen : screens) {
            if (screen.position < change.position()) {
                screen.position = change.position();
                if (change.concerns(screen.bodyId)) {
                    screen.send(SseEmitter.event().name("change").id(String.valueOf(change.position()))
                                          .data(change, MediaType.APPLICATION_JSON));
                }
            }
        }
    }

    /**
     * A comment every second: a screen that went away is noticed at the next write or the one after (the server
     * hears of a closed connection only when it writes), so presence stays true within seconds; proxies keep the
     * stream open.
     */
    private void heartbeat() {
        long now = System.currentTimeMillis();
        if (now - lastHeartbeat < HEARTBEAT_MILLIS) {
            return;
        }
        lastHeartbeat = now;
        for (Screen screen : screens) {
            screen.send(SseEmitter.event().comment("still here"));
        }
    }

    @Override
    public void start() {
        running = true;
        following.scheduleWithFixedDelay(this::follow, FOLLOW_MILLIS, FOLLOW_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        running = false;
        following.shutdownNow();
        for (Screen screen : screens) {
            screen.emitter.complete();
        }
        screens.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
