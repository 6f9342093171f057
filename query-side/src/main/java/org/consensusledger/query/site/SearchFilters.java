package org.consensusledger.query.site;

import org.consensusledger.query.dossier.DossierViews.ProposalFilter;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;

/**
 * The search's filters in force, as the search page shows them: each one's name ({@code search.filter.<name>} in the
 * messages), its value (the words; a body's name; a status or an outcome, put in words by the page) and the address of
 * the same search without it.
 */
final class SearchFilters {

    private SearchFilters() {
    }

    /** One filter in force, and the search without it ({@code without}). */
    record Active(String name, String value, String without) {
    }

    static List<Active> of(ProposalFilter filter, Function<String, Optional<String>> bodyName) {
        Map<String, String> parameters = new LinkedHashMap<>();
        put(parameters, "q", filter.text());
        put(parameters, "body", filter.body());
        put(parameters, "status", filter.status() == null ? null : filter.status().name());
        put(parameters, "outcome", filter.outcome() == null ? null : filter.outcome().name());
        List<Active> active = new ArrayList<>();
        parameters.forEach((name, value) -> active.add(new Active(
                name, name.equals("body") ? bodyName.apply(value).orElse(value) : value, without(parameters, name))));
        return active;
    }

    private static void put(Map<String, String> parameters, String name, String value) {
        if (value != null) {
            parameters.put(name, value);
        }
    }

    /** The search's address without one of its parameters (and on its first page). */
    private static String without(Map<String, String> parameters, String left) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (!name.equals(left)) {
                query.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        });
        return "/proposals" + query;
    }
}
