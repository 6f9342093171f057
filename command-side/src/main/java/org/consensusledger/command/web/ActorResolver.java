package org.consensusledger.command.web;

import jakarta.servlet.http.HttpServletRequest;
import org.consensusledger.command.shared.Actor;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands controllers the authenticated {@link Actor} that the bearer-token filter attached to the request; every
 * {@code /api/**} request has one, or it was answered with 401 before reaching a controller.
 */
public final class ActorResolver implements HandlerMethodArgumentResolver {

    private static final String ATTRIBUTE = Actor.class.getName();

    public static void attach(HttpServletRequest request, Actor actor) {
        request.setAttribute(ATTRIBUTE, actor);
    }

    public static Actor actor(HttpServletRequest request) {
        Object actor = request.getAttribute(ATTRIBUTE);
        if (actor == null) {
            throw new IllegalStateException("No authenticated account on " + request.getRequestURI());
        }
        return (Actor) actor;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType().equals(Actor.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer container,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        return actor(request.getNativeRequest(HttpServletRequest.class));
    }
}
