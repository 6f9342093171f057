package org.consensusledger.web;

import com.mongodb.MongoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

import java.util.Optional;

/**
 * The answer to a request that needed to store something while the database cannot store anything: its disk is
 * full. MongoDB, and the embedded server, refuse such a write with error 14031 ({@code OutOfDiskSpace}) and store
 * nothing of it; the request is answered 503 with {@code Retry-After} and the problem
 * {@code urn:consensus-ledger:problem:storage-unavailable}, never a bare 500. Reads go on where the data can be read.
 */
public final class StorageUnavailable {

    /** MongoDB's error code for a write refused for want of disk space. */
    public static final int OUT_OF_DISK_SPACE = 14031;
    public static final String NAME = "storage-unavailable";
    public static final String TITLE = "Storage unavailable";
    public static final String DETAIL = "The ledger cannot store anything now: the disk of its database is full. "
            + "Nothing was recorded. Send the same request again later (with the same Idempotency-Key, if it had "
            + "one); the ledger's operator must free space on that disk, and it takes writes again by itself.";
    /** Seconds a client should wait before sending again. */
    public static final int RETRY_AFTER_SECONDS = 30;

    private static final Logger LOGGER = LoggerFactory.getLogger(StorageUnavailable.class);

    private StorageUnavailable() {
    }

    /** The database's own words when {@code failure} is, or was caused by, a write refused for want of space. */
    public static Optional<String> reason(Throwable failure) {
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (isRefusal(cause)) {
                return Optional.of(cause instanceof com.mongodb.MongoCommandException command
                                           ? command.getErrorMessage() : String.valueOf(cause.getMessage()));
            }
        }
        return Optional.empty();
    }

    private static boolean isRefusal(Throwable cause) {
        try {
            return cause instanceof MongoException mongo && mongo.getCode() == OUT_OF_DISK_SPACE;
        } catch (NoClassDefFoundError noDriver) {
            return false;
        }
    }

    /**
     * Logs a refused request in words that are the same for every request refused for the same reason, so that the
     * applications' log filter writes the line once and counts its repeats ({@code RepeatedLogLines}).
     */
    public static void log(String reason) {
        LOGGER.warn("Storage unavailable: requests that store something are answered 503 and nothing is recorded: {}",
                    LogSafe.of(reason));
    }

    /** The problem, as the APIs answer it. */
    public static ProblemDetail problem() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
        problem.setType(ProblemTypes.type(NAME));
        problem.setTitle(TITLE);
        return problem;
    }

    /** The problem with its status and headers ({@code Retry-After}, {@code application/problem+json}). */
    public static ResponseEntity<ProblemDetail> response() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                             .header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS))
                             .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem());
    }
}
