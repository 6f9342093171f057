package org.consensusledger.query.selfcheck;

import java.time.Instant;
import java.util.List;

/**
 * What the self-check has found: {@code status} is {@code CHECKING} until the first full pass has ended, then
 * {@code OK} or {@code PROBLEMS}; {@code logCheckedUpTo} is the number of events checked so far;
 * {@code problemCount} counts every problem, {@code problems} lists the first of them.
 *
 * @param fullPassRunningSince when the full pass running now began, if one is
 */
public record Report(String status, Instant checkedAt, long logCheckedUpTo, Pass lastFullPass,
                     Instant fullPassRunningSince, int problemCount, List<Problem> problems) {

    public static final String CHECKING = "CHECKING";
    public static final String OK = "OK";
    public static final String PROBLEMS = "PROBLEMS";

    /** One full pass: when, over how many events, parts of the log and documents, in how long. */
    public record Pass(Instant started, Instant ended, long events, long parts, long documents, long millis) {
    }

    static Report starting() {
        return new Report(CHECKING, null, 0, null, null, 0, List.of());
    }

    Report checking(Instant since) {
        return new Report(status, checkedAt, logCheckedUpTo, lastFullPass, since, problemCount, problems);
    }
}
