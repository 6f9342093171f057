package org.consensusledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of what a request creates. A request sent with an {@code Idempotency-Key} gets the same ids each time it is
 * sent (name-based UUIDs of the account, the key, its claim's seed and the id's place in the request), so that a
 * request whose answer was lost in a crash, retried with its key, names exactly what it created the first time;
 * others get random ids. The seed is new with each claim of a key, so a key used again after it expired names new
 * things.
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
            if (key != null && request.getAttribute(IdempotencyFilter.CLAIMED) instanceof String seed) {
                int count = request.getAttribute(COUNT) instanceof Integer counted ? counted + 1 : 0;
                request.setAttribute(COUNT, count);
                // A claim made before claims had a seed (taken over after an upgrade) names what it created so.
                String name = "consensus-ledger:" + ActorResolver.actor(request).accountId() + ":" + key + ":"
                        + (seed.isEmpty() ? "" : seed + ":") + count;
                return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
            }
        }
        return UUID.randomUUID().toString();
    }
}
