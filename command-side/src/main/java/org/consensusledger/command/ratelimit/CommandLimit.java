package org.consensusledger.command.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.command.web.ActorResolver;
import org.consensusledger.web.RateLimiter;
import org.consensusledger.web.TooManyRequests;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Set;

/**
 * Command submissions per account (POST, PUT, PATCH, DELETE on {@code /api/**}, by token or from the console), after
 * authentication has named the account and before anything is stored. The default is far above what a meeting
 * console sends; it stops a script, or a leaked token, flooding the log.
 */
class CommandLimit extends OncePerRequestFilter {

    private static final Set<String> COMMANDS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final RateLimiter commands;

    CommandLimit(RateLimiter commands) {
        this.commands = commands;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (COMMANDS.contains(request.getMethod())) {
            long wait = commands.take(ActorResolver.actor(request).accountId());
            if (wait > 0) {
                TooManyRequests.answer(response, wait, "Too many commands from this account; try again in "
                        + TooManyRequests.seconds(wait));
                return;
            }
        }
        chain.doFilter(request, response);
    }
}
