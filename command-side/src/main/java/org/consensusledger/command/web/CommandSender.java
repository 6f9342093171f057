package org.consensusledger.command.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.consensusledger.command.receipt.ReceiptIssuer;
import org.consensusledger.command.shared.Actor;
import org.consensusledger.command.shared.ActorCommand;
import org.consensusledger.command.shared.RecordedEvent;
import org.consensusledger.command.shared.ResultFromEvents;
import org.consensusledger.events.MetadataKeys;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Sends a command and waits for its result, with the metadata every stored event carries: the account that recorded
 * it ({@code recordedBy}), the organisation it acted for ({@code actingFor}), the command id and the request's
 * {@code Idempotency-Key}. No IP address or other client data is recorded. The command's receipt
 * ({@link ReceiptIssuer}) is kept with the request, for its answer ({@link ReceiptAnswers}).
 */
@Component
public class CommandSender {

    public static final String RECORDED_BY = MetadataKeys.RECORDED_BY;
    public static final String ACTING_FOR = MetadataKeys.ACTING_FOR;
    public static final String COMMAND_ID = MetadataKeys.COMMAND_ID;
    public static final String IDEMPOTENCY_KEY = MetadataKeys.IDEMPOTENCY_KEY;

    /** The request attribute holding the {@link ReceiptIssuer.Issued} receipt of the request's command. */
    static final String RECEIPT = CommandSender.class.getName() + ".receipt";

    private final CommandGateway gateway;
    private final ReceiptIssuer receipts;

    CommandSender(CommandGateway gateway, ReceiptIssuer receipts) {
        this.gateway = gateway;
        this.receipts = receipts;
    }

    /**
     * Sends the command and returns its handler's answer. For a request that took over the claim of an interrupted
     * request whose command was stored ({@link IdempotencyFilter}), the command is not sent again: the answer is
     * made from the events it stored. The metadata names the command's own actor, the one its aggregate decided
     * with.
     */
    @SuppressWarnings("unchecked")
    public <R> R send(ActorCommand command) {
        List<RecordedEvent> stored = alreadyStored();
        if (!stored.isEmpty()) {
            answerWithTheReceiptIssuedThen();
            return command instanceof ResultFromEvents<?> result ? (R) result.resultFrom(stored)
                                                                 : (R) Long.valueOf(stored.get(stored.size() - 1)
                                                                                          .sequenceNumber());
        }
        Actor actor = command.actor();
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(RECORDED_BY, actor.accountId());
        if (actor.organisationId() != null) {
            metaData.put(ACTING_FOR, actor.organisationId());
        }
        metaData.put(COMMAND_ID, UUID.randomUUID().toString());
        String key = currentIdempotencyKey();
        if (key != null) {
            metaData.put(IDEMPOTENCY_KEY, key);
        }
        ReceiptIssuer.Issued<R> issued = receipts.issue(() -> gateway.sendAndWait(
                GenericCommandMessage.asCommandMessage(command).andMetaData(MetaData.from(metaData))));
        if (issued.receipt() != null
                && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            attributes.getRequest().setAttribute(RECEIPT, issued);
        }
        return issued.result();
    }

    @SuppressWarnings("unchecked")
    private static List<RecordedEvent> alreadyStored() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(IdempotencyFilter.ALREADY_STORED) instanceof List<?> stored) {
            return (List<RecordedEvent>) stored;
        }
        return List.of();
    }

    /**
     * A taken-over request answers with the receipt its command was given when it was stored, if it was kept, else
     * with one issued and kept now for the events its first attempt stored.
     */
    private void answerWithTheReceiptIssuedThen() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && attributes.getRequest().getAttribute(IdempotencyFilter.ALREADY_STORED_AT) instanceof Long first) {
            Optional<ReceiptIssuer.Issued<Void>> issued = receipts.issued(first);
            if (issued.isEmpty()
                    && attributes.getRequest().getAttribute(IdempotencyFilter.ALREADY_STORED_EVENTS)
                            instanceof List<?> stored && !stored.isEmpty()) {
                // The first attempt stopped after its command was stored, before its receipt was kept: issue it now.
                @SuppressWarnings("unchecked")
                List<JsonNode> events = (List<JsonNode>) stored;
                issued = Optional.of(receipts.issueFor(events));
            }
            issued.ifPresent(receipt -> attributes.getRequest().setAttribute(RECEIPT, receipt));
        }
    }

    private static String currentIdempotencyKey() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            return request.getHeader(IdempotencyFilter.HEADER);
        }
        return null;
    }
}
