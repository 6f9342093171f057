package org.consensusledger.command.shared;

import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.consensusledger.events.MetadataKeys;
import org.consensusledger.events.body.BodyEvent;
import org.consensusledger.events.meeting.MeetingEvent;
import org.consensusledger.events.proposal.ProposalEvent;
import org.consensusledger.events.record.RecordCorrected;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Says in every event's metadata in what role it was recorded ({@code recordedAs}), so that the public record can
 * name who recorded each step as a role and an organisation — "the secretariat", "a co-chair's delegate for
 * Ministry…", "a delegate of Open Rights Network" — without ever showing an account: {@code SECRETARIAT} (no
 * organisation), {@code CO_CHAIR} (a delegate of an organisation that co-chairs the event's body when it is
 * recorded), {@code DELEGATE} (any other delegate) or {@code LEDGER} (the ledger itself, e.g. sealing minutes). It is
 * added as each event is published within its command, from the metadata the command carries ({@code recordedBy},
 * {@code actingFor}) and the body as the log says it is then.
 */
@Component
public class RecordedAs implements MessageDispatchInterceptor<EventMessage<?>> {

    public static final String KEY = MetadataKeys.RECORDED_AS;
    /** The account the ledger records its own acts under ({@code recordedBy}). */
    public static final String LEDGER_ACCOUNT = "ledger";

    private final Directory directory;

    RecordedAs(EventBus events, Directory directory) {
        this.directory = directory;
        events.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        return (index, event) -> {
            Map<String, ?> metaData = event.getMetaData();
            Object recordedBy = metaData.get(MetadataKeys.RECORDED_BY);
            if (metaData.containsKey(KEY) || recordedBy == null) {
                return event;
            }
            return event.andMetaData(Map.of(KEY, role(recordedBy, metaData.get(MetadataKeys.ACTING_FOR), event.getPayload())));
        };
    }

    private String role(Object recordedBy, Object actingFor, Object payload) {
        if (LEDGER_ACCOUNT.equals(recordedBy)) {
            return "LEDGER";
        }
        if (!(actingFor instanceof String organisation)) {
            return "SECRETARIAT";
        }
        String body = bodyOf(payload);
        boolean coChair = body != null && directory.body(body).map(view -> view.isCoChair(organisation))
                                                   .orElse(false);
        return coChair ? "CO_CHAIR" : "DELEGATE";
    }

    private static String bodyOf(Object payload) {
        if (payload instanceof BodyEvent event) {
            return event.bodyId();
        } else if (payload instanceof MeetingEvent event) {
            return event.bodyId();
        } else if (payload instanceof ProposalEvent event) {
            return event.bodyId();
        } else if (payload instanceof RecordCorrected event) {
            return event.bodyId();
        }
        return null;
    }
}
