package org.consensusledger.query.web;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoQueryException;
import com.mongodb.ServerAddress;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A request of the query side's API that needed to store something while the database refuses writes for want of
 * disk space (MongoDB's error 14031, as the embedded server answers on a full disk) is answered with the
 * storage-unavailable problem, not an internal error; other failures stay internal errors.
 */
class StorageUnavailableProblemTest {

    private final ProblemHandler handler = new ProblemHandler();
    private final MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/admin/replays");

    @Test
    void aWriteRefusedForWantOfDiskSpaceIsTheStorageUnavailableProblem() {
        MongoCommandException refused = new MongoCommandException(
                new BsonDocument("ok", new BsonDouble(0)).append("code", new BsonInt32(14031))
                        .append("codeName", new BsonString("OutOfDiskSpace"))
                        .append("errmsg", new BsonString("The embedded server cannot write its data file")),
                new ServerAddress());

        ResponseEntity<Object> answer = handler.unexpected(new IllegalStateException("wrapped", refused), request);

        assertThat(answer.getStatusCode().value()).isEqualTo(503);
        assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("30");
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        ProblemDetail problem = (ProblemDetail) answer.getBody();
        assertThat(problem.getType()).hasToString("urn:consensus-ledger:problem:storage-unavailable");
        assertThat(problem.getDetail()).contains("Nothing was recorded", "free space");
    }

    @Test
    void anotherFailureOfTheDatabaseStaysAnInternalError() {
        MongoQueryException other = new MongoQueryException(
                new BsonDocument("ok", new BsonDouble(0)).append("code", new BsonInt32(2))
                        .append("errmsg", new BsonString("bad value")), new ServerAddress());

        ResponseEntity<Object> answer = handler.unexpected(other, request);

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) answer.getBody()).getType()).hasToString("urn:consensus-ledger:problem:internal-error");
    }
}
