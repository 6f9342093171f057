package org.consensusledger.query.tiles;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.consensusledger.query.web.ProblemHandler;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.ServletWebRequest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The log served as a tiled transparency log (c2sp.org/tlog-tiles) under the prefix {@value #PREFIX}: its checkpoint,
 * the tiles of its Merkle tree and its entry bundles (see {@code docs/audit.md}, "Tiles"). Tiles never change, so they
 * are cached for a year ({@code immutable}); the checkpoint is the note {@code GET /api/audit/checkpoint} serves, with
 * its headers. Every path that is not a tile as the spec writes it is a 400 problem, every tile the signed tree does
 * not hold (yet) a 404 problem. No account is needed.
 */
@RestController
@RequestMapping(TileController.PREFIX)
@Tag(name = "Audit", description = "The stored log, in order, for auditors")
class TileController {

    static final String PREFIX = "/api/audit/tlog";
    static final String TEXT = "text/plain;charset=UTF-8";
    static final String PROBLEM = "application/problem+json";
    static final String OCTETS = "application/octet-stream";
    /** Tiles never change: "immutable, so its caching headers SHOULD be long-lived". */
    static final String IMMUTABLE = CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable()
                                                .getHeaderValue();

    private final Tiles tiles;

    TileController(Tiles tiles) {
        this.tiles = tiles;
    }

    @GetMapping(value = "/checkpoint", produces = {TEXT, PROBLEM})
    @Operation(summary = "The latest signed checkpoint, at the tlog-tiles prefix (c2sp.org/tlog-tiles)",
               description = "The very note `GET /api/audit/checkpoint` serves, with its headers (not cached without "
                       + "asking again); the tiles below are served up to its size.")
    void checkpoint(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        request.getRequestDispatcher("/api/audit/checkpoint").forward(request, response);
    }

    /**
     * A tile of hashes or an entry bundle; described in the OpenAPI description path by path
     * ({@link TileApiDescription}), as a catch-all has no place there.
     */
    @Hidden
    @GetMapping("/tile/{*path}")
    void tile(@PathVariable String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noCache().getHeaderValue());
        TilePath tile;
        try {
            tile = TilePath.parse(path.startsWith("/") ? path.substring(1) : path);
        } catch (TilePath.Malformed e) {
            throw new ProblemHandler.BadRequest("malformed-tile-path", e.getMessage());
        }
        byte[] body = tiles.read(tile);
        boolean gzip = tile.entries() && acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        String etag = "\"" + HexFormat.of().formatHex(sha256(body), 0, 16) + (gzip ? "-gzip" : "") + "\"";
        response.setHeader(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
        if (tile.entries()) {
            response.setHeader(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (new ServletWebRequest(request, response).checkNotModified(etag)) {
            return;
        }
        if (gzip) {
            body = gzip(body);
            response.setHeader(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(OCTETS);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whether {@code Accept-Encoding} takes gzip (with a weight above 0): entry bundles are then sent gzipped. */
    static boolean acceptsGzip(String header) {
        if (header == null) {
            return false;
        }
        for (String coding : header.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip().toLowerCase(Locale.ROOT);
            if (!name.equals("gzip") && !name.equals("x-gzip")) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].strip();
                if (parameter.startsWith("q=") || parameter.startsWith("Q=")) {
                    try {
                        return Double.parseDouble(parameter.substring(2).strip()) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(body.length / 4 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(compressed)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
