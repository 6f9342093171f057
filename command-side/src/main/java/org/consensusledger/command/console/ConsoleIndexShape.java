package org.consensusledger.command.console;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Rebuilds the console index once when it was kept in an older shape (before organisations and mandates were
 * listed): its processor is stopped, its position set back to the log's start and started again, and its handlers,
 * which only set fields to what each event says, take in every event again. The log is not touched; the lists fill
 * up again within moments.
 */
@Component
class ConsoleIndexShape implements ApplicationRunner {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConsoleIndexShape.class);

    private final ConsoleIndex index;
    private final EventProcessingConfiguration processing;

    ConsoleIndexShape(ConsoleIndex index, EventProcessingConfiguration processing) {
        this.index = index;
        this.processing = processing;
    }

    @Override
    public void run(ApplicationArguments arguments) {
        if (index.inShape()) {
            index.markInShape();
            return;
        }
        processing.eventProcessor(ConsoleIndex.PROCESSOR, StreamingEventProcessor.class).ifPresent(processor -> {
            LOGGER.info("The console index was kept in an older shape: rebuilding it from the log (shape {})",
                        ConsoleIndex.SHAPE);
            processor.shutdownAsync().join();
            processor.resetTokens();
            processor.start();
        });
        index.markInShape();
    }
}
