package org.consensusledger.query.benchmark;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.HdrHistogram.Histogram;
import org.consensusledger.eventlog.LedgerEventStorageEngine;
import org.consensusledger.eventlog.testing.EventLogFixtures;
import org.consensusledger.query.QuerySideApplication;
import org.consensusledger.query.dossier.Dossiers;
import org.consensusledger.query.dossier.LatestDecisions;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public site's pages (not a test): each page's weight (HTML and the stylesheet; the site has no scripts, fonts
 * or images), as sent compressed and uncompressed; server time one request at a time; and latency at 32 concurrent
 * connections with {@code wrk}, at rest and while another client appends 20 events/s, on each backend named by
 * {@code bench.backends} (memory and H2). The dossier and timeline pages are those of a proposal with 200 events. See
 * {@code docs/performance.md}; run with {@code mvn -pl query-side -am -Pbenchmark-site process-test-classes}.
 */
public final class SitePageBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 20_000);
    private static final int LONG_PROPOSAL_EVENTS = Integer.getInteger("bench.proposalEvents", 200);
    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);
    private static final int WRK_SECONDS = Integer.getInteger("bench.wrkSeconds", 10);
    private static final int SEQUENTIAL = Integer.getInteger("bench.sequential", 500);
    private static final int APPENDS_PER_SECOND = Integer.getInteger("bench.rate", 20);
    /** The embedded server's backends, one after the other: the memory one and the H2 file the default runs on. */
    private static final List<String> BACKENDS = List.of(System.getProperty("bench.backends", "memory,h2").split(","));
    private static final String LONG = "proposal-long";
    private static final Pattern STYLESHEET = Pattern.compile("<link rel=\"stylesheet\" href=\"([^\"]+)\"");

    private final StringBuilder report = new StringBuilder();
    private final HttpClient http = HttpClient.newHttpClient();

    public static void main(String[] args) throws Exception {
        new SitePageBenchmark().run(Path.of(System.getProperty("bench.output",
                                                               "target/site-benchmark-results.md")));
        System.exit(0);
    }

    private void run(Path output) throws Exception {
        line("# Public site pages%n%nJava %s; %d cores; the embedded server in its own process on the same cores, "
                     + "and wrk on them too. Backends: %s.%n", System.getProperty("java.version"),
             Runtime.getRuntime().availableProcessors(), String.join(", ", BACKENDS));
        boolean first = true;
        for (String backend : BACKENDS) {
            run(backend, first);
            first = false;
        }
        Files.writeString(output, report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
        System.out.println("Written to " + output.toAbsolutePath());
    }

    /** One backend: the pages' weight (the first backend only), their times at rest, then while the log grows. */
    private void run(String backend, boolean weights) throws Exception {
        Path data = Files.createTempDirectory("site-bench");
        try (ServerProcess server = ServerProcess.start(backend, data.resolve("ledger.mv"));
             MongoClient writerClient = MongoClients.create(server.connectionString())) {
            String uri = server.connectionString() + (server.connectionString().endsWith("/") ? "" : "/") + "bench";
            LedgerEventStorageEngine writer = EventLogFixtures.engine(writerClient.getDatabase("bench"));
            Ledger ledger = new Ledger();
            QuerySideBenchmark.seed(writer, ledger, EVENTS);
            ledger.longProposal(LONG, LONG_PROPOSAL_EVENTS).forEach(event -> writer.appendEvents(List.of(event)));
            long head = writer.nextGlobalPosition();

            ConfigurableApplicationContext app = new SpringApplicationBuilder(QuerySideApplication.class)
                    .run("--server.port=0", "--spring.mongodb.uri=" + uri, "--logging.level.root=warn",
                         // wrk times the search page from one address, far beyond the limit on searches
                         "--ledger.rate-limits.enabled=false");
            QuerySideBenchmark.awaitCaughtUp(app, head);
            String base = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();

            line("# Backend: %s%n%nA log of %,d events (%d bodies); the dossier and the timeline are those of a "
                         + "proposal with %d events (%d versions, each with a diff; objections with dispositions; "
                         + "support, stand-asides and concerns). The embedded server (%s backend) in its own "
                         + "process.%n", backend, head, Ledger.BODIES, LONG_PROPOSAL_EVENTS,
                 LONG_PROPOSAL_EVENTS / 10 + 1, backend);

            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("home", "/");
            pages.put("body", "/bodies/body-0");
            pages.put("dossier, 200 events", "/proposals/" + LONG);
            pages.put("timeline, 200 events", "/proposals/" + LONG + "/timeline");
            pages.put("dossier, 13 events", "/proposals/proposal-0");
            pages.put("meeting minutes", "/meetings/meeting-0-0");
            pages.put("engagement", "/bodies/body-0/engagement");
            pages.put("search", "/proposals?q=Principle");
            pages.put("organisation", "/organisations/org-0-0");
            pages.put("decisions feed", "/feeds/decisions.atom");
            pages.put("open data", "/open-data");
            pages.put("not found", "/proposals/no-such-proposal");

            if (weights) {
                weights(base, pages);
            }
            latestDecisions(app, backend);

            line("## Server time (%s)%n", backend);
            line("One request at a time (%d after 100 of warm-up, compressed, over loopback: the time from sending the "
                         + "request to the last byte): rendered afresh (each request with a parameter of its own, "
                         + "as every page is once after the read models move on), and from the page cache; then "
                         + "`wrk -t2 -c%d -d%ds --latency` (uncompressed) after a 5 s warm-up, with wrk on the same "
                         + "2 cores as the application and its database.%n", SEQUENTIAL, CONNECTIONS, WRK_SECONDS);
            line("Load average (1 min) as the phase began: %s.%n", loadAverage());
            line("| Page | rendered afresh p50 ms | p99 ms | from the cache p50 ms | p99 ms "
                         + "| %d connections: requests/s | p50 ms | p99 ms |", CONNECTIONS);
            line("|:---|---:|---:|---:|---:|---:|---:|---:|");
            Map<String, Wrk.Result> atRest = new LinkedHashMap<>();
            for (Map.Entry<String, String> page : pages.entrySet()) {
                if (page.getKey().equals("not found")) {
                    continue;
                }
                String url = base + page.getValue();
                Histogram afresh = sequential(i -> url + (url.contains("?") ? "&" : "?") + "fresh=" + i);
                Histogram cached = sequential(i -> url);
                Wrk.Result loaded = Wrk.run(url, CONNECTIONS, WRK_SECONDS);
                atRest.put(page.getKey(), loaded);
                line("| %s | %.2f | %.2f | %.2f | %.2f | %,.0f | %.2f | %.2f |", page.getKey(),
                     afresh.getValueAtPercentile(50) / 1e6, afresh.getValueAtPercentile(99) / 1e6,
                     cached.getValueAtPercentile(50) / 1e6, cached.getValueAtPercentile(99) / 1e6,
                     loaded.requestsPerSecond(), loaded.p50Millis(), loaded.p99Millis());
            }

            line("%n## While the log grows (%s)%n", backend);
            line("The same `wrk` on every page while another client appends %d events/s (as the command side would, "
                         + "to other proposals): every read model moves on all the time, so each page built from "
                         + "them all is rendered afresh about every 250 ms (one request renders, the others get the "
                         + "page before). Beside it, the same page's p99 at rest, measured above in this run.%n",
                 APPENDS_PER_SECOND);
            line("Load average (1 min) as the phase began: %s.%n", loadAverage());
            line("| Page | requests/s | p50 ms | p99 ms | at rest: p99 ms |%n|:---|---:|---:|---:|---:|");
            var appender = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
            List<org.axonframework.eventhandling.DomainEventMessage<?>> pending = new java.util.ArrayList<>();
            long before = writer.nextGlobalPosition();
            long appendStarted = System.nanoTime();
            appender.scheduleAtFixedRate(() -> {
                if (pending.isEmpty()) {
                    pending.addAll(ledger.nextStory());
                }
                writer.appendEvents(List.of(pending.remove(0)));
            }, 0, 1_000_000 / APPENDS_PER_SECOND, java.util.concurrent.TimeUnit.MICROSECONDS);
            double slowestGrowing = 0;
            String slowestPage = null;
            double slowestAtRest = 0;
            for (Map.Entry<String, Wrk.Result> page : atRest.entrySet()) {
                Wrk.Result loaded = Wrk.run(base + pages.get(page.getKey()), CONNECTIONS, WRK_SECONDS);
                if (loaded.p99Millis() > slowestGrowing) {
                    slowestGrowing = loaded.p99Millis();
                    slowestPage = page.getKey();
                }
                slowestAtRest = Math.max(slowestAtRest, page.getValue().p99Millis());
                line("| %s | %,.0f | %.2f | %.2f | %.2f |", page.getKey(), loaded.requestsPerSecond(),
                     loaded.p50Millis(), loaded.p99Millis(), page.getValue().p99Millis());
            }
            appender.shutdownNow();
            double appended = (writer.nextGlobalPosition() - before) / ((System.nanoTime() - appendStarted) / 1e9);
            line("%n%s: slowest p99 at %d connections while the log grows %.1f ms (%s), at rest %.1f ms (goal: no "
                         + "page slower than 50 ms). Appended meanwhile: %.1f events/s; load average as the phase "
                         + "ended: %s.%n", backend, CONNECTIONS,
                 slowestGrowing, slowestPage, slowestAtRest, appended, loadAverage());
            app.close();
        }
    }

    /**
     * The home page's latest decisions read as before (the outcome of every decided dossier, sorted: the embedded
     * server scans) and as now (each body's list, then the ten dossiers by key), side by side, one at a time.
     */
    private void latestDecisions(ConfigurableApplicationContext app, String backend) {
        Dossiers dossiers = app.getBean(Dossiers.class);
        LatestDecisions latest = app.getBean(LatestDecisions.class);
        if (!dossiers.latestDecided(null, 10).equals(latest.latest(10))) {
            throw new IllegalStateException("the latest decisions differ from the scan's");
        }
        Histogram scanned = new Histogram(10_000_000_000L, 3);
        Histogram byKey = new Histogram(10_000_000_000L, 3);
        for (int i = 0; i < 220; i++) {
            long start = System.nanoTime();
            dossiers.latestDecided(null, 10);
            long between = System.nanoTime();
            latest.latest(10);
            long end = System.nanoTime();
            if (i >= 20) {
                scanned.recordValue(between - start);
                byKey.recordValue(end - between);
            }
        }
        line("## The home page's latest decisions (%s)%n", backend);
        line("Read 200 times each, one at a time, after 20 of warm-up, in the query side (load average %s).%n",
             loadAverage());
        line("| Read | p50 ms | p99 ms |%n|:---|---:|---:|");
        line("| every decided dossier's outcome, sorted (before) | %.2f | %.2f |", scanned.getValueAtPercentile(50) / 1e6,
             scanned.getValueAtPercentile(99) / 1e6);
        line("| each body's latest decisions, then ten dossiers by key (`public_latest_decisions`) | %.2f | %.2f |%n",
             byKey.getValueAtPercentile(50) / 1e6, byKey.getValueAtPercentile(99) / 1e6);
    }

    /** The machine's 1-minute load average, to tell a run with other work beside it. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private void weights(String base, Map<String, String> pages) throws Exception {
        line("## Page weight%n");
        line("HTML plus the one stylesheet every page links (no scripts, fonts or images exist on the site). "
                     + "\"Sent\" is what travels with `Accept-Encoding: gzip`, as every browser asks.%n");
        line("| Page | HTML KB | HTML sent KB | + CSS KB | + CSS sent KB | Page weight sent KB |");
        line("|:---|---:|---:|---:|---:|---:|");
        double largest = 0;
        String heaviest = null;
        for (Map.Entry<String, String> page : pages.entrySet()) {
            HttpResponse<byte[]> plain = get(base + page.getValue(), false);
            HttpResponse<byte[]> sent = get(base + page.getValue(), true);
            if (!plain.headers().firstValue("Content-Type").orElse("").startsWith("text/html")) {
                line("| %s (`%s`, %d) | %.1f | %.1f | – | – | %.1f |", page.getKey(), page.getValue(),
                     plain.statusCode(), plain.body().length / 1024.0, sent.body().length / 1024.0,
                     sent.body().length / 1024.0);
                continue;
            }
            Matcher css = STYLESHEET.matcher(new String(plain.body(), StandardCharsets.UTF_8));
            if (!css.find()) {
                throw new IllegalStateException("no stylesheet on " + page.getValue());
            }
            int cssPlain = get(base + css.group(1), false).body().length;
            int cssSent = get(base + css.group(1), true).body().length;
            double weight = (sent.body().length + cssSent) / 1024.0;
            if (weight > largest) {
                largest = weight;
                heaviest = page.getKey();
            }
            line("| %s (`%s`, %d) | %.1f | %.1f | %.1f | %.1f | %.1f |", page.getKey(), page.getValue(),
                 plain.statusCode(), plain.body().length / 1024.0, sent.body().length / 1024.0,
                 cssPlain / 1024.0, cssSent / 1024.0, weight);
        }
        line("%nLargest page: %s, %.1f KB sent (goal: under 100 KB).%n", heaviest, largest);
    }

    private Histogram sequential(IntFunction<String> urls) throws Exception {
        for (int i = 0; i < 100; i++) {
            get(urls.apply(-1 - i), true);
        }
        Histogram histogram = new Histogram(10_000_000_000L, 3);
        for (int i = 0; i < SEQUENTIAL; i++) {
            String url = urls.apply(i);
            long start = System.nanoTime();
            HttpResponse<byte[]> response = get(url, true);
            histogram.recordValue(System.nanoTime() - start);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + response.statusCode());
            }
        }
        return histogram;
    }

    private HttpResponse<byte[]> get(String url, boolean compressed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (compressed) {
            request.header("Accept-Encoding", "gzip");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private void line(String format, Object... arguments) {
        report.append(String.format(java.util.Locale.ROOT, format, arguments)).append('\n');
    }
}
