package org.consensusledger.command.web;

import org.consensusledger.command.shared.NextStep;
import org.springframework.web.util.UriTemplate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a client sends the steps a refusal names ({@link NextStep}): the problem's {@code next} member, a list of
 * {@code {"action", "method", "href"}}. The rules name the step; the routes are known here, beside the rest of the
 * API's plumbing, and a test holds each template to a path the API describes.
 */
final class NextSteps {

    private NextSteps() {
    }

    static List<Map<String, String>> links(List<NextStep> next) {
        return next.stream().map(NextSteps::link).toList();
    }

    static Map<String, String> link(NextStep step) {
        Map<String, String> link = new LinkedHashMap<>();
        link.put("action", name(step.action()));
        link.put("method", "POST");
        link.put("href", new UriTemplate(template(step.action())).expand(pathVariables(step)).toString());
        return link;
    }

    /** The action's name in the API: lower case, words joined by hyphens ({@code appeal-decision}). */
    static String name(NextStep.Action action) {
        return action.name().toLowerCase().replace('_', '-');
    }

    /** The path the step is sent to, as the OpenAPI description writes it. */
    static String template(NextStep.Action action) {
        return switch (action) {
            case APPEAL -> "/api/proposals/{id}/appeals";
            case APPEAL_DECISION -> "/api/proposals/{id}/appeals/{aid}/decision";
            case REOPENING -> "/api/proposals/{id}/reopening";
            case CORRECTION -> "/api/corrections";
        };
    }

    private static Map<String, String> pathVariables(NextStep step) {
        Map<String, String> variables = new LinkedHashMap<>();
        if (step.proposalId() != null) {
            variables.put("id", step.proposalId());
        }
        if (step.appealId() != null) {
            variables.put("aid", step.appealId());
        }
        return variables;
    }
}
