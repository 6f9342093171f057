package org.consensusledger.command.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Decides what a command request may send and receive before anything runs: the API answers in JSON (a success as
 * {@code application/json}, an error as {@code application/problem+json}) and takes only JSON in UTF-8. A client whose
 * {@code Accept} does not take {@code application/json} (directly or by a wildcard; accepting only problems is not
 * enough, since a success could not be answered) gets 406, a body of another media type 415, before authentication,
 * idempotency or the command, so nothing is recorded and no Idempotency-Key is used up. Without this, a command ran
 * first and only its answer failed.
 */
class ContentNegotiationFilter extends OncePerRequestFilter {

    private final ProblemWriter writer;

    ContentNegotiationFilter(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!acceptsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            writer.write(response, problem(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable",
                                           "This API answers only in JSON: send Accept: application/json (or leave "
                                                   + "Accept out)", HttpHeaders.ACCEPT));
            return;
        }
        if (hasBody(request) && !isJson(request.getContentType())) {
            response.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
            writer.write(response, problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                                           "Unsupported media type",
                                           "This API takes request bodies only as JSON in UTF-8: send "
                                                   + "Content-Type: application/json", HttpHeaders.CONTENT_TYPE));
            return;
        }
        chain.doFilter(request, response);
    }

    /** Unparseable media types count as none accepted (IllegalArgumentException covers InvalidMediaTypeException). */
    private static boolean acceptsJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                            .filter(type -> type.getQualityValue() > 0)
                            .anyMatch(type -> type.includes(MediaType.APPLICATION_JSON));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null
                || request.getContentType() != null;
    }

    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)
                    && (type.getCharset() == null || type.getCharset().equals(StandardCharsets.UTF_8))
                    && type.getParameters().keySet().stream().allMatch(name -> name.equalsIgnoreCase("charset"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemDetail problem(HttpStatus status, String name, String title, String detail,
                                         String header) {
        ProblemDetail problem = Problems.of(status, name, title, detail);
        problem.setProperty("header", header);
        return problem;
    }
}
