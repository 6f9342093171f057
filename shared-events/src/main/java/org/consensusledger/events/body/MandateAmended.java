package org.consensusledger.events.body;

import org.axonframework.serialization.Revision;

/**
 * The body's mandate text was replaced.
 */
@Revision("1")
public record MandateAmended(String bodyId,
                             String mandate,
                             String rationale) implements BodyEvent {
}
