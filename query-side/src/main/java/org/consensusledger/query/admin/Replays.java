package org.consensusledger.query.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.consensusledger.query.projection.ProjectionSetup;
import org.consensusledger.query.projection.TokenPositions;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * Rebuilds every read model from position 0: each processor is stopped, its read model emptied (its
 * {@code @ResetHandler}), its tokens reset, and started again; it then reads the whole log and catches up.
 */
@Component
public class Replays {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokens;
    private final TokenPositions positions;

    Replays(EventProcessingConfiguration processing, TokenStore tokens, TokenPositions positions) {
        this.processing = processing;
        this.tokens = tokens;
        this.positions = positions;
    }

    /**
     * Where each processor is. {@code position} is where its read model stands, over all segments, whichever
     * instances hold them (the lowest of their tokens); {@code segments} are the segments this instance holds, and
     * {@code replaying}/{@code caughtUp} say how those are doing.
     */
    public record ProcessorStatus(String name, boolean replaying, boolean caughtUp, Long position,
                                  List<Integer> segments) {
    }

    /**
     * Replays every processor. A processor that has not stored its tokens yet (just started on a new database) gets
     * them first, so that it too starts from position 0 with an emptied read model.
     *
     * @throws UnableToClaimTokenException when another query-side instance is processing: a replay needs them all
     *                                     stopped but one
     */
    public List<ProcessorStatus> replayAll() {
        processors().forEach((name, processor) -> {
            processor.shutdownAsync().join();
            if (tokens.fetchSegments(name).length == 0) {
                tokens.initializeTokenSegments(name, ProjectionSetup.INITIAL_SEGMENTS);
            }
            try {
                processor.resetTokens();
            } finally {
                processor.start();
            }
        });
        return status();
    }

    public List<ProcessorStatus> status() {
        List<ProcessorStatus> status = new ArrayList<>();
        processors().forEach((name, processor) -> {
            Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
            boolean replaying = segments.values().stream().anyMatch(EventTrackerStatus::isReplaying);
            boolean caughtUp = !segments.isEmpty()
                    && segments.values().stream().allMatch(EventTrackerStatus::isCaughtUp);
            OptionalLong position = positions.lowest(name);
            status.add(new ProcessorStatus(name, replaying, caughtUp,
                                           position.isPresent() ? position.getAsLong() : null,
                                           new ArrayList<>(new TreeMap<>(segments).keySet())));
        });
        return status;
    }

    private Map<String, StreamingEventProcessor> processors() {
        Map<String, StreamingEventProcessor> streaming = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor candidate) {
                streaming.put(name, candidate);
            }
        });
        return streaming;
    }
}
