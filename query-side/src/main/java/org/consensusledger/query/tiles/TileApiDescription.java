package org.consensusledger.query.tiles;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.BinarySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.List;

/**
 * The tile paths in the OpenAPI description, one per form the spec gives them ({@link TileController} answers them
 * all with one catch-all mapping, which OpenAPI cannot describe).
 */
@Configuration(proxyBeanMethods = false)
class TileApiDescription {

    private static final String TILE = TileController.PREFIX + "/tile/";

    @Bean
    OpenApiCustomizer tilePaths() {
        return openApi -> {
            openApi.path(TILE + "{L}/{N}", get("tile", "A full tile of the Merkle tree: 256 hashes of 32 bytes",
                                               "The hashes of the tree's level 8·L, nodes N·256 to N·256+255 (RFC 6962 "
                                                       + "MTH of 256^L leaves each). Cached for a year.",
                                               level(), index()));
            openApi.path(TILE + "{L}/{N}.p/{W}", get("partialTile", "A partial tile of the Merkle tree: its first W hashes",
                                                     "Served for every W the latest signed tree holds.", level(),
                                                     index(), width()));
            openApi.path(TILE + "entries/{N}", get("entryBundle", "A full entry bundle: entries N·256 to N·256+255",
                                                   "Each entry a big-endian uint16 length, then the event's canonical "
                                                           + "leaf bytes (RFC 8785); gzip when the client accepts "
                                                           + "it. Cached for a year.", index()));
            openApi.path(TILE + "entries/{N}.p/{W}", get("partialEntryBundle", "A partial entry bundle: its first W entries",
                                                         "As a full bundle, with W entries.", index(), width()));
        };
    }

    private static PathItem get(String id, String summary, String description, Parameter... parameters) {
        Content octets = new Content().addMediaType(TileController.OCTETS, new MediaType().schema(new BinarySchema()));
        Content problem = new Content().addMediaType(TileController.PROBLEM, new MediaType().schema(new Schema<>()));
        return new PathItem().get(new Operation()
                .tags(List.of("Audit")).summary(summary)
                .description(description + " c2sp.org/tlog-tiles; see docs/audit.md, \"Tiles\".")
                .operationId(id)
                .parameters(List.of(parameters))
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("the tile").content(octets))
                        .addApiResponse("400", new ApiResponse().description("not a tile path as the spec writes "
                                + "it").content(problem))
                        .addApiResponse("404", new ApiResponse().description("a tile the latest signed tree does not "
                                + "hold (yet); an entry bundle with an entry over 65,535 bytes").content(problem))));
    }

    private static Parameter level() {
        return new Parameter().in("path").name("L").required(true)
                              .description("the tile's level, 0 to 63, no leading zeros")
                              .schema(new IntegerSchema().minimum(BigDecimal.ZERO).maximum(BigDecimal.valueOf(63)));
    }

    private static Parameter index() {
        return new Parameter().in("path").name("N").required(true)
                              .description("the tile's index in zero-padded 3-digit path elements, all but the last "
                                                   + "starting with x: 005, x001/x234/067 for 1234067")
                              .schema(new StringSchema().example("x001/x234/067"));
    }

    private static Parameter width() {
        return new Parameter().in("path").name("W").required(true)
                              .description("a partial tile's width, 1 to 255, no leading zeros")
                              .schema(new IntegerSchema().minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(255)));
    }
}
