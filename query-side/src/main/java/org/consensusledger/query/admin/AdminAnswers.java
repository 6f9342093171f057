package org.consensusledger.query.admin;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.net.URI;

/** The administration endpoints' refusals, as problem responses. */
final class AdminAnswers {

    private AdminAnswers() {
    }

    /** 401: the request needs the secretariat's token; {@code detail} says for what. */
    static ResponseEntity<ProblemDetail> unauthorized(String detail) {
        return unauthorized("token-invalid", detail);
    }

    /** 401 of a named kind ({@code token-expired}, {@code token-replaced}, {@code token-invalid}). */
    static ResponseEntity<ProblemDetail> unauthorized(String name, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, detail);
        problem.setType(URI.create("urn:consensus-ledger:problem:" + name));
        problem.setTitle("Authentication required");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                             .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"consensus-ledger\"")
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** 409: not possible now, for the reason the problem names. */
    static ResponseEntity<ProblemDetail> conflict(String name, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setType(URI.create("urn:consensus-ledger:problem:" + name));
        problem.setTitle(title);
        return ResponseEntity.status(HttpStatus.CONFLICT).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                             .body(problem);
    }
}
