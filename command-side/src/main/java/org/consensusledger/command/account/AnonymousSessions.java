package org.consensusledger.command.account;

import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionAttributeListener;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionIdListener;
import jakarta.servlet.http.HttpSessionListener;
import org.consensusledger.web.RateLimiters;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cap on anonymous console sessions (each sign-in form makes one, for its CSRF token):
 * {@code ledger.rate-limits.max-anonymous-sessions} at once. Beyond it the oldest anonymous session is ended, so a
 * flood of sign-in pages costs a bounded amount of memory and nobody is refused a sign-in form; at worst a form left
 * open during a flood has expired when sent, and the console says to sign in again. A session on which an account has
 * signed in leaves this list at once and is never ended here. The per-address limit on creating them is the sign-in's
 * ({@code ledger.rate-limits.anonymous-sessions}).
 */
@Component
class AnonymousSessions implements HttpSessionListener, HttpSessionIdListener, HttpSessionAttributeListener {

    private final boolean enabled;
    private final int max;
    /** By id, oldest first. */
    private final Map<String, HttpSession> anonymous = new LinkedHashMap<>();

    AnonymousSessions(RateLimiters limiters) {
        this.enabled = limiters.limits().enabled();
        this.max = limiters.limits().maxAnonymousSessions();
    }

    @Override
    public void sessionCreated(HttpSessionEvent event) {
        if (!enabled) {
            return;
        }
        List<HttpSession> oldest = new ArrayList<>();
        synchronized (anonymous) {
            anonymous.put(event.getSession().getId(), event.getSession());
            Iterator<HttpSession> sessions = anonymous.values().iterator();
            while (anonymous.size() > max && sessions.hasNext()) {
                oldest.add(sessions.next());
                sessions.remove();
            }
        }
        oldest.forEach(AnonymousSessions::end);
    }

    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        forget(event.getSession().getId());
    }

    @Override
    public void sessionIdChanged(HttpSessionEvent event, String oldSessionId) {
        synchronized (anonymous) {
            HttpSession session = anonymous.remove(oldSessionId);
            if (session != null) {
                anonymous.put(event.getSession().getId(), session);
            }
        }
    }

    @Override
    public void attributeAdded(HttpSessionBindingEvent event) {
        if (ConsoleSession.isAccountAttribute(event.getName())) {
            forget(event.getSession().getId());
        }
    }

    @Override
    public void attributeReplaced(HttpSessionBindingEvent event) {
        attributeAdded(event);
    }

    private void forget(String id) {
        synchronized (anonymous) {
            anonymous.remove(id);
        }
    }

    private static void end(HttpSession session) {
        try {
            if (!ConsoleSession.hasAccount(session)) {
                session.invalidate();
            }
        } catch (IllegalStateException alreadyEnded) {
            // ended meanwhile (expired, or signed out): nothing left to do
        }
    }
}
