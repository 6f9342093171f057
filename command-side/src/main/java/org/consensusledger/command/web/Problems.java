package org.consensusledger.command.web;

import org.consensusledger.web.ProblemTypes;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem responses (RFC 9457) of this API. The {@code type} is a URN naming the problem
 * ({@code urn:consensus-ledger:problem:<name>}, a name always made valid by {@link ProblemTypes}); the list of names is
 * in the README.
 */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {
    }

    public static ProblemDetail of(HttpStatus status, String name, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(ProblemTypes.type(name));
        problem.setTitle(title);
        return problem;
    }

    static ResponseEntity<ProblemDetail> response(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(PROBLEM_JSON).body(problem);
    }

    static HttpHeaders headers() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(PROBLEM_JSON);
        return headers;
    }

    /** "proposal" for {@code uri=/api/proposals/…}: what the path's first id names, for a 404's message. */
    static String resourceKind(String description) {
        String path = description.startsWith("uri=") ? description.substring(4) : description;
        String[] segments = path.split("/");
        String collection = segments.length > 2 ? segments[2] : "resource";
        if (collection.endsWith("ies")) {
            return collection.substring(0, collection.length() - 3) + "y";
        }
        return collection.endsWith("s") ? collection.substring(0, collection.length() - 1) : collection;
    }
}
