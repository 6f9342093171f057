package org.consensusledger.eventlog.benchmark;

import org.consensusledger.eventlog.benchmark.BenchStore.Kind;
import org.consensusledger.eventlog.benchmark.Report.Table;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.consensusledger.eventlog.benchmark.EventLogBenchmark.key;
import static org.consensusledger.eventlog.benchmark.Report.count;
import static org.consensusledger.eventlog.benchmark.Report.ms;
import static org.consensusledger.eventlog.benchmark.Report.num;
import static org.consensusledger.eventlog.benchmark.Report.ratio;

/** The goals this engine's figures are judged against, with what was measured: nothing here is tuned. */
final class Goals {

    private Goals() {
    }

    static void write(Report report, BenchConfig config, Map<String, Workloads.AppendOutcome> appends,
                      Map<String, Double> ceilings, Map<String, MissedEvents.Outcome> missed,
                      Map<String, Growth.Outcome> growth) {
        Table goals = new Table("Backend", "Goal", "Measured", "Met");
        int writers = config.writers();
        for (String backend : config.backends()) {
            List<Integer> sizes = config.growthSizes(backend);
            int small = sizes.isEmpty() ? 0 : Collections.min(sizes);
            int large = sizes.isEmpty() ? 0 : Collections.max(sizes);
            Workloads.AppendOutcome ledger = appends.get(key(backend, Kind.LEDGER, writers));
            Workloads.AppendOutcome axon = appends.get(key(backend, Kind.AXON, writers));
            Workloads.AppendOutcome raw = appends.get(key(backend, Kind.RAW, writers));
            if (ledger != null && axon != null) {
                double factor = ledger.perSecond() / axon.perSecond();
                goals.row(backend, "appends/s with " + writers + " writers ≥ 2× Axon's engine",
                          num(ledger.perSecond()) + " vs " + num(axon.perSecond()) + " = " + ratio(factor),
                          met(factor >= 2));
            }
            Double ceiling = ceilings.get(backend);
            if (ledger != null && ceiling != null) {
                double share = ledger.perSecond() / ceiling;
                goals.row(backend, "appends/s with " + writers + " writers ≥ 80% of the server alone (its fastest "
                                  + "shape, same run)",
                          num(ledger.perSecond()) + " vs " + num(ceiling) + " = "
                                  + String.format("%.0f%%", share * 100), met(share >= 0.8));
            }
            for (int w : new int[]{writers, 1}) {
                Workloads.AppendOutcome ours = appends.get(key(backend, Kind.LEDGER, w));
                Workloads.AppendOutcome reference = appends.get(key(backend, Kind.RAW, w));
                if (ours != null && reference != null) {
                    double share = ours.perSecond() / reference.perSecond();
                    goals.row(backend, "appends/s with " + w + " writer(s) ≥ 50% of raw insertOne",
                              num(ours.perSecond()) + " vs " + num(reference.perSecond()) + " = "
                                      + String.format("%.0f%%", share * 100), met(share >= 0.5));
                }
            }
            MissedEvents.Outcome ledgerMissed = missed.get(key(backend, Kind.LEDGER, 0));
            if (ledgerMissed != null) {
                boolean clean = ledgerMissed.missed() == 0 && ledgerMissed.notReached() == 0
                        && ledgerMissed.duplicates() == 0 && ledgerMissed.outOfOrder() == 0;
                goals.row(backend, "zero missed events (this engine)",
                          count(ledgerMissed.missed() + ledgerMissed.notReached()) + " missed, "
                                  + count(ledgerMissed.duplicates())
                                  + " duplicates, " + count(ledgerMissed.outOfOrder()) + " out of order",
                          met(clean));
            }
            MissedEvents.Outcome axonMissed = missed.get(key(backend, Kind.AXON, 0));
            if (axonMissed != null) {
                goals.row(backend, "(for reference) missed events, Axon's engine",
                          count(axonMissed.missed()) + " missed of " + count(axonMissed.written())
                                  + (axonMissed.notReached() > 0 ? " (" + count(axonMissed.notReached())
                                          + " not reached by the reader in time)" : ""), "-");
            }
            if (small != large) {
                for (Kind kind : new Kind[]{Kind.LEDGER, Kind.AXON}) {
                    growthRows(goals, backend, kind, growth.get(key(backend, kind, small)),
                               growth.get(key(backend, kind, large)));
                }
            }
        }
        if (!goals.isEmpty()) {
            report.heading("Goals");
            report.table(goals);
            report.line("Growth rows compare the largest with the smallest size; \"worse by\" is p99 large/small for "
                                + "latencies and rate small/large for throughput. Rows marked (reference) and "
                                + "Axon's growth rows are not goals.");
        }
    }

    private static void growthRows(Table goals, String backend, Kind kind, Growth.Outcome small,
                                   Growth.Outcome large) {
        if (small == null || large == null) {
            return;
        }
        String who = kind == Kind.LEDGER ? "this engine" : "(reference) Axon's engine";
        String sizes = " at " + count(large.seed().events()) + " vs " + count(small.seed().events()) + " events";
        double load = large.loadMillisAt(99) / small.loadMillisAt(99);
        goals.row(backend, who + ": aggregate load p99 no more than 2× worse" + sizes,
                  ms(large.loadMillisAt(99)) + " ms vs " + ms(small.loadMillisAt(99)) + " ms: worse by "
                          + ratio(load), mark(kind, load <= 2));
        double tail = small.tail().perSecond() / large.tail().perSecond();
        goals.row(backend, who + ": tracking events/s no more than 2× worse" + sizes,
                  num(large.tail().perSecond()) + " vs " + num(small.tail().perSecond()) + ": worse by "
                          + ratio(tail), mark(kind, tail <= 2));
        double append = large.append().millisAt(99) / small.append().millisAt(99);
        goals.row(backend, who + ": append p99 (1 writer) no more than 2× worse" + sizes,
                  ms(large.append().millisAt(99)) + " ms vs " + ms(small.append().millisAt(99)) + " ms: worse by "
                          + ratio(append), mark(kind, append <= 2));
    }

    private static String mark(Kind kind, boolean met) {
        return kind == Kind.LEDGER ? met(met) : (met ? "(yes)" : "(no)");
    }

    private static String met(boolean met) {
        return met ? "yes" : "**NO**";
    }
}
