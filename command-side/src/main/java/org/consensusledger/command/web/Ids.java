package org.consensusledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of what a request creates. A request sent with an {@code Idempotency-Key} gets the same ids each time it is
 * sent (name-based UUIDs of the account, the key and the id's place in the request), so that a request whose answer
 * was lost in a crash, retried with its key, names exactly what it created the first time; others get random ids.
 */
public final class Ids {

    private static final String COUNT = Ids.class.getName() + ".count";

    private Ids() {
    }

    /** A new id for something the current request creates. */
    public static String next() {
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            HttpServletRequest request = attributes.getRequest();
            String key = request.getHeader(IdempotencyFilter.HEADER);
            if (key != null && request.getAttribute(IdempotencyFilter.CLAIMED) != null) {
                int count = request.getAttribute(COUNT) instanceof Integer counted ? counted + 1 : 0;
                request.setAttribute(COUNT, count);
                String name = "consensus-ledger:" + ActorResolver.actor(request).accountId() + ":" + key + ":" + count;
                return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            }
        }
        return UUID.randomUUID().toString();
    }
}
