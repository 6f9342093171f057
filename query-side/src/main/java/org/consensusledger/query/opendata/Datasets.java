package org.consensusledger.query.opendata;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierDocument.Contribution;
import org.consensusledger.dossier.DossierDocument.Objection;
import org.consensusledger.dossier.DossierDocument.Outcome;
import org.consensusledger.dossier.DossierDocument.Reconsideration;
import org.consensusledger.dossier.DossierDocument.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The open-data datasets as tables: each has a name (its file, {@code <name>.csv}), its columns and its rows, made
 * from a {@link Snapshot}. Written as RFC 4180 CSV (Commons CSV: comma, double quotes where needed, CRLF, a header
 * row), UTF-8; instants ISO-8601 in UTC; enumerations in lower case with underscores; an absent value an empty field.
 */
enum Datasets {

    /** The checkpoint every other dataset of the same {@code at} was made at, in one row. */
    CHECKPOINT("tree_size", "log_position", "origin", "root_hash", "signed_at", "signed_note") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            Snapshot.Stamp s = snapshot.stamp();
            return List.of(row(s.treeSize(), s.logPosition(), s.origin(), s.rootHash(), s.signedAt(),
                               s.signedNote()));
        }
    },
    BODIES("body_id", "name", "kind", "parent_body_id", "mandate", "established_at") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            return snapshot.bodies().stream().map(b -> row(b.id(), b.name(), b.kind(), b.parentBodyId(), b.mandate(),
                                                          b.establishedAt())).toList();
        }
    },
    ORGANISATIONS("organisation_id", "name", "stakeholder_group", "country", "registered_at") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            return snapshot.organisations().stream().map(o -> row(o.id(), o.name(), o.stakeholderGroup(), o.country(),
                                                                  o.registeredAt())).toList();
        }
    },
    MEMBERSHIPS("body_id", "organisation_id", "role", "stakeholder_group", "admission", "started_at", "ended_at",
                "end_reason") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            return snapshot.memberships().stream().map(m -> row(m.bodyId(), m.organisationId(), m.role(),
                                                                m.stakeholderGroup(), m.admission(), m.startedAt(),
                                                                m.endedAt(), m.endReason())).toList();
        }
    },
    MEETINGS("meeting_id", "body_id", "title", "starts_at", "format", "location", "status", "opened_at", "closed_at",
             "cancelled_at", "cancellation_reason", "sealing_checkpoint") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            return snapshot.meetings().stream().map(m -> row(m.id(), m.bodyId(), m.title(), m.startsAt(), m.format(),
                                                             m.location(), m.status(), m.openedAt(), m.closedAt(),
                                                             m.cancelledAt(), m.cancelReason(),
                                                             m.sealingCheckpoint())).toList();
        }
    },
    PROPOSALS("proposal_id", "body_id", "title", "proposed_by", "status", "submitted_at", "versions",
              "latest_outcome") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            return snapshot.dossiers().stream().map(d -> row(
                    d.id(), d.bodyId(), d.title(), d.proposedBy(), d.status(), d.versions().get(0).recordedAt(),
                    d.versions().size(), d.outcomes().isEmpty() ? null
                            : d.outcomes().get(d.outcomes().size() - 1).outcome())).toList();
        }
    },
    PROPOSAL_VERSIONS("proposal_id", "version", "text", "text_sha256", "summary", "by", "meeting_id", "occurred_at",
                      "recorded_at") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            List<List<Object>> rows = new ArrayList<>();
            for (DossierDocument d : snapshot.dossiers()) {
                for (Version v : d.versions()) {
                    rows.add(row(d.id(), v.version(), v.text(), v.textSha256(), v.summary(), v.by(), v.meetingId(),
                                 v.occurredAt(), v.recordedAt()));
                }
            }
            return rows;
        }
    },
    OUTCOMES("proposal_id", "body_id", "outcome", "version", "declared_by", "meeting_id", "occurred_at",
             "recorded_at", "rationale", "dissent", "set_aside_by_appeal", "log_position") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            List<List<Object>> rows = new ArrayList<>();
            for (DossierDocument d : snapshot.dossiers()) {
                for (Outcome o : d.outcomes()) {
                    rows.add(row(d.id(), d.bodyId(), o.outcome(), o.version(), o.declaredBy(), o.meetingId(),
                                 o.occurredAt(), o.recordedAt(), o.rationale(), o.dissent().size(), o.setAsideBy(),
                                 o.recorded() == null ? null : o.recorded().globalPosition()));
                }
                snapshot.withdrawals().stream().filter(w -> w.proposalId().equals(d.id())).forEach(w -> rows.add(row(
                        d.id(), d.bodyId(), "withdrawn", d.versions().size(), w.withdrawnBy(), w.meetingId(),
                        w.occurredAt(), w.recordedAt(), w.reason(), 0, null, w.globalPosition())));
            }
            return rows;
        }
    },
    POSITIONS("proposal_id", "version", "organisation_id", "stakeholder_group", "position", "text", "meeting_id",
              "occurred_at", "recorded_at", "objection_id", "disposition", "disposition_reasons",
              "accommodating_version", "dispositions_before", "withdrawn_at", "answers", "log_position") {
        @Override
        List<List<Object>> rows(Snapshot snapshot) {
            List<List<Object>> rows = new ArrayList<>();
            for (DossierDocument d : snapshot.dossiers()) {
                for (Contribution c : d.contributions()) {
                    rows.add(row(d.id(), c.version(), c.organisationId(), c.stakeholderGroup(),
                                 c.kind().toLowerCase(Locale.ROOT), c.text(),
                                 c.meetingId(), c.occurredAt(), c.recordedAt(), null, null, null, null, null, null,
                                 c.answers().isEmpty() ? null : c.answers().stream().map(DossierDocument.Answer::answer)
                                                                 .collect(Collectors.joining("\n\n")),
                                 c.recorded() == null ? null : c.recorded().globalPosition()));
                }
                for (Objection o : d.objections()) {
                    Disposition inForce = Disposition.inForce(o);
                    rows.add(row(d.id(), o.version(), o.organisationId(), o.stakeholderGroup(), "objection",
                                 o.grounds(), o.meetingId(), o.raisedAt(),
                                 recordedAt(d, o.recorded()), o.objectionId(), inForce.disposition(),
                                 inForce.reasons(), inForce.accommodatingVersion(), Disposition.before(o),
                                 o.withdrawnAt(), null, o.recorded() == null ? null : o.recorded().globalPosition()));
                }
            }
            return rows;
        }
    };

    private final List<String> columns;

    Datasets(String... columns) {
        this.columns = List.of(columns);
    }

    /** The dataset's name in its address and file name, e.g. {@code proposal-versions}. */
    String fileName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    List<String> columns() {
        return columns;
    }

    abstract List<List<Object>> rows(Snapshot snapshot);

    static final Map<String, Datasets> BY_NAME = Arrays.stream(values()).collect(
            Collectors.toUnmodifiableMap(Datasets::fileName, Function.identity()));

    /**
     * Writes the dataset as CSV: the header row, then one record per row. The printer is flushed, not closed: closing
     * it would close {@code out}, which belongs to the caller (a servlet's stream is the container's to close).
     */
    void write(Snapshot snapshot, Appendable out) {
        CSVFormat format = CSVFormat.RFC4180.builder().setHeader(columns.toArray(String[]::new)).get();
        try {
            CSVPrinter printer = new CSVPrinter(out, format); // not closed: see above
            for (List<Object> row : rows(snapshot)) {
                printer.printRecord(row);
            }
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** When the step that recorded an entry was recorded (null if unknown). */
    static Instant recordedAt(DossierDocument dossier, DossierDocument.Recorded recorded) {
        if (recorded == null) {
            return null;
        }
        return dossier.timeline().stream().filter(step -> step.globalPosition() == recorded.globalPosition())
                      .map(DossierDocument.Step::recordedAt).findFirst().orElse(null);
    }

    /**
     * A row's cells as text: instants ISO-8601 UTC, enumerations in lower case, absent values empty, numbers as they
     * are, and texts {@linkplain #neutralised neutralised} against formula injection.
     */
    static List<Object> row(Object... cells) {
        List<Object> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            String text = cell(cell);
            row.add(cell instanceof Number ? text : neutralised(text));
        }
        return row;
    }

    /**
     * A text as a CSV cell that no spreadsheet takes for a formula (OWASP's "CSV injection"): a text whose first
     * character is {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return gets a single quote
     * {@code '} in front; so does a text that already begins with one, so that removing one leading quote from every
     * cell that has one gives back exactly the recorded text (docs/open-data.md). Numbers are never changed.
     */
    static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + text;
            default -> text;
        };
    }

    static String cell(Object cell) {
        if (cell == null) {
            return "";
        }
        if (cell instanceof Instant instant) {
            return instant.toString();
        }
        if (cell instanceof Enum<?> value) {
            return value.name().toLowerCase(Locale.ROOT);
        }
        return cell.toString();
    }

    /** An objection's disposition in force: the last reconsideration after an upheld appeal, else the first. */
    record Disposition(org.consensusledger.events.Disposition disposition, String reasons,
                       Integer accommodatingVersion) {

        static Disposition inForce(Objection o) {
            if (!o.reconsidered().isEmpty()) {
                Reconsideration last = o.reconsidered().get(o.reconsidered().size() - 1);
                return new Disposition(last.disposition(), last.reasons(), last.accommodatingVersion());
            }
            return new Disposition(o.disposition(), o.reasons(), o.accommodatingVersion());
        }

        /** The dispositions given before the one in force (set aside by an upheld appeal), in order, or null. */
        static String before(Objection o) {
            if (o.reconsidered().isEmpty()) {
                return null;
            }
            List<String> earlier = new ArrayList<>();
            earlier.add(cell(o.disposition()));
            for (int i = 0; i < o.reconsidered().size() - 1; i++) {
                earlier.add(cell(o.reconsidered().get(i).disposition()));
            }
            return String.join(" ", earlier);
        }
    }
}
