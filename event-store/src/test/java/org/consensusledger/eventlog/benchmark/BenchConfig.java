package org.consensusledger.eventlog.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark's options, from system properties ({@code -Dbench.*}); a blank value means the default. The full
 * defaults are the sizes the goals are stated for; {@code bench.quick=true} shrinks everything for a smoke run.
 */
record BenchConfig(boolean quick,
                   Set<String> scenarios,
                   List<String> backends,
                   Set<BenchStore.Kind> stores,
                   int writers,
                   int aggregates,
                   Duration warmup,
                   Duration measure,
                   int ceilingEvents,
                   int readEvents,
                   int missedEvents,
                   List<Integer> growthSizes,
                   List<Integer> h2GrowthSizes,
                   int growthLoads,
                   Duration growthAppend,
                   int seedThreads,
                   Duration axonSeedBudget,
                   Duration axonReadBudget,
                   Duration axonLoadBudget,
                   Duration missedCatchUpBudget,
                   Path output) {

    static final List<String> ALL_SCENARIOS = List.of("appends", "ceiling", "read", "missed", "growth");

    static BenchConfig fromSystemProperties() {
        boolean quick = Boolean.parseBoolean(text("bench.quick", "false"));
        return new BenchConfig(
                quick,
                new LinkedHashSet<>(list("bench.scenarios", String.join(",", ALL_SCENARIOS))),
                list("bench.backends", "memory,h2"),
                kinds(list("bench.stores", "ledger,axon,raw")),
                integer("bench.writers", 8),
                integer("bench.aggregates", 1_000),
                seconds("bench.warmupSeconds", quick ? 0.5 : 2),
                seconds("bench.measureSeconds", quick ? 2 : 8),
                integer("bench.ceilingEvents", quick ? 20_000 : 250_000),
                integer("bench.readEvents", quick ? 5_000 : 100_000),
                integer("bench.missedEvents", quick ? 2_000 : 20_000),
                list("bench.growthSizes", quick ? "2000,20000" : "10000,1000000").stream()
                        .map(BenchConfig::parseInt).toList(),
                list("bench.h2GrowthSizes", quick ? "2000,20000" : "10000,100000").stream()
                        .map(BenchConfig::parseInt).toList(),
                integer("bench.growthLoads", quick ? 50 : 200),
                seconds("bench.growthAppendSeconds", quick ? 1 : 5),
                integer("bench.seedThreads", 8),
                seconds("bench.axonSeedBudgetSeconds", quick ? 60 : 150),
                seconds("bench.axonReadBudgetSeconds", quick ? 15 : 30),
                seconds("bench.axonLoadBudgetSeconds", quick ? 10 : 20),
                seconds("bench.missedCatchUpSeconds", quick ? 20 : 60),
                Path.of(text("bench.output", "target/benchmark-results.md")));
    }

    /** The growth sizes on a backend: the H2 file backend ingests too slowly for 1,000,000 events in the budget. */
    List<Integer> growthSizes(String backend) {
        return backend.equals("h2") ? h2GrowthSizes : growthSizes;
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    boolean includes(BenchStore.Kind kind) {
        return stores.contains(kind);
    }

    String describe() {
        return "quick=" + quick + ", scenarios=" + scenarios + ", backends=" + backends + ", stores=" + stores
                + ", writers=" + writers + ", aggregates for appends=" + aggregates + ", warm-up=" + secs(warmup)
                + ", measured=" + secs(measure) + ", ceiling events=" + ceilingEvents + ", read events=" + readEvents
                + ", missed-test events=" + missedEvents + ", growth sizes=" + growthSizes + " (h2: " + h2GrowthSizes
                + "), growth loads=" + growthLoads
                + ", growth append=" + secs(growthAppend) + ", seed threads=" + seedThreads
                + ", Axon budgets (seed/read/loads)=" + secs(axonSeedBudget) + "/" + secs(axonReadBudget) + "/"
                + secs(axonLoadBudget) + ", missed-test catch-up budget=" + secs(missedCatchUpBudget);
    }

    private static String secs(Duration duration) {
        return duration.toMillis() / 1000.0 + " s";
    }

    private static String text(String key, String fallback) {
        String value = System.getProperty(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static List<String> list(String key, String fallback) {
        return Arrays.stream(text(key, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Set<BenchStore.Kind> kinds(List<String> names) {
        Set<BenchStore.Kind> kinds = new LinkedHashSet<>();
        for (String name : names) {
            kinds.add(BenchStore.Kind.valueOf(name.toUpperCase(java.util.Locale.ROOT)));
        }
        return kinds;
    }

    private static int integer(String key, int fallback) {
        return parseInt(text(key, Integer.toString(fallback)));
    }

    private static int parseInt(String value) {
        return Integer.parseInt(value.replace("_", ""));
    }

    private static Duration seconds(String key, double fallback) {
        return Duration.ofMillis(Math.round(Double.parseDouble(text(key, Double.toString(fallback))) * 1000));
    }
}
