package org.consensusledger.eventlog.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Markdown output: sections of tables and notes, written to a file after every change. */
final class Report {

    private final Path file;
    private final StringBuilder text = new StringBuilder();

    Report(Path file) {
        this.file = file;
    }

    /** The title, and the JVM, heap, server and options used. */
    void header(BenchConfig config) {
        Runtime runtime = Runtime.getRuntime();
        line("# Event log benchmark");
        line("");
        line("- Started: " + Instant.now() + "; load average at start: " + loadAverage());
        line("- JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                     + " (" + System.getProperty("java.vm.vendor") + "), max heap " + (runtime.maxMemory() >> 20)
                     + " MiB, " + runtime.availableProcessors() + " processors, " + System.getProperty("os.name")
                     + " " + System.getProperty("os.arch"));
        line("- Server: embedded MongoDB wire-protocol server (mongo-java-server) in this JVM, backends "
                     + config.backends() + " (h2 = file in a temp dir, committed before each acknowledgement)");
        line("- Options: " + config.describe());
        line("- Every store/scenario uses a fresh database; one server per backend. Latencies are per append call; "
                     + "reads deserialize every payload. Axon's engine runs with its defaults (batch size 100, "
                     + "look-back 1 s); steps that scan on this server are time-boxed and say so.");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    void heading(String heading) {
        text.append("\n## ").append(heading).append("\n\n");
        flush();
    }

    void line(String line) {
        text.append(line).append('\n');
        flush();
    }

    void table(Table table) {
        text.append(table.render()).append('\n');
        flush();
    }

    String text() {
        return text.toString();
    }

    private void flush() {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    static String num(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String ms(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    static String ratio(double value) {
        return Double.isNaN(value) || Double.isInfinite(value) ? "n/a" : String.format(Locale.ROOT, "%.2f×", value);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A Markdown table; rows are added as they are measured. */
    static final class Table {

        private final List<String> headers;
        private final List<List<String>> rows = new ArrayList<>();

        Table(String... headers) {
            this.headers = List.of(headers);
        }

        void row(String... cells) {
            rows.add(List.of(cells));
        }

        boolean isEmpty() {
            return rows.isEmpty();
        }

        String render() {
            StringBuilder out = new StringBuilder();
            out.append("| ").append(String.join(" | ", headers)).append(" |\n|");
            for (String header : headers) {
                out.append(header.startsWith("Backend") || header.startsWith("Store") ? ":---|" : "---:|");
            }
            out.append('\n');
            for (List<String> row : rows) {
                out.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
            return out.toString();
        }
    }
}
