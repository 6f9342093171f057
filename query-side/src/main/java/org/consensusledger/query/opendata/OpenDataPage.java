package org.consensusledger.query.opendata;

import io.swagger.v3.oas.annotations.Hidden;
import org.consensusledger.query.body.BodyViews;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;

/**
 * The page that lists what can be taken away (docs/site.md): every CSV dataset with what it holds and its columns,
 * the Popolo export, the checkpoint they are made at, and the feeds — decisions, each body's meetings and calendar,
 * a proposal's steps. Texts are in {@code messages.properties} ({@code openData.*}).
 */
@Controller
@Hidden // a page for people; the exports themselves are in the OpenAPI description
class OpenDataPage {

    private final Exports exports;
    private final BodyViews bodies;

    OpenDataPage(Exports exports, BodyViews bodies) {
        this.exports = exports;
        this.bodies = bodies;
    }

    @GetMapping(value = "/open-data", produces = MediaType.TEXT_HTML_VALUE)
    String openData(Model model) {
        // Maps: the template's expressions read no class of this package (they are not public).
        model.addAttribute("datasets", Arrays.stream(Datasets.values())
                                             .map(d -> Map.of("file", d.fileName(), "columns",
                                                              String.join(", ", d.columns()))).toList());
        exports.latestCheckpoint().map(Exports::stamp).ifPresent(stamp -> model.addAttribute("stamp", Map.of(
                "treeSize", stamp.treeSize(), "logPosition", stamp.logPosition(), "origin", stamp.origin(),
                "rootHash", stamp.rootHash(), "signedAt", stamp.signedAt())));
        model.addAttribute("bodies", bodies.list(null).stream()
                                           .sorted(Comparator.comparing(BodyViews.BodySummary::name)).toList());
        return "site/open-data";
    }
}
