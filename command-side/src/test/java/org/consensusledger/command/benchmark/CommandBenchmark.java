package org.consensusledger.command.benchmark;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.consensusledger.command.CommandSideApplication;
import org.consensusledger.command.account.TestAccounts;
import org.consensusledger.command.web.ApiClient;
import org.consensusledger.embedded.EmbeddedMongoServer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.consensusledger.command.web.ApiClient.fields;

/**
 * Commands per second with 8 writers, each on a proposal of its own: the 8 proposals in one body, and in 8 bodies,
 * side by side in one run. No command locks another aggregate, so proposals of one body should not queue on their
 * body: the goal is one body at ≥ 80% of 8 bodies. Over HTTP, as clients send them, against the command side in this
 * JVM on the embedded server ({@code -Dbench.backend=h2}, the default set-up's durable file, or {@code memory}).
 * Not a test: {@code mvn -pl command-side -am -Pbenchmark process-test-classes}; Markdown on stdout and in
 * {@code command-side/target/command-benchmark-results.md}. See docs/performance.md.
 */
public final class CommandBenchmark {

    private static final int WRITERS = 8;
    private static final List<String> GROUPS = List.of("GOVERNMENT", "CIVIL_SOCIETY", "PRIVATE_SECTOR", "ACADEMIA");

    private CommandBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String backend = System.getProperty("bench.backend", "h2");
        int seconds = Integer.getInteger("bench.seconds", 20);
        int rounds = Integer.getInteger("bench.rounds", 3);
        Path output = Path.of(System.getProperty("bench.output", "target/command-benchmark-results.md"));
        Path directory = Files.createTempDirectory("command-benchmark");
        try (EmbeddedMongoServer server = backend.equals("memory") ? EmbeddedMongoServer.inMemory()
                : EmbeddedMongoServer.durable(directory.resolve("ledger.mv"), "127.0.0.1", 0)) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandSideApplication.class)
                    .run("--server.port=0", "--spring.mongodb.uri=" + server.connectionString() + "/benchmark",
                         "--logging.level.root=warn",
                         // the writers send far more commands per account than the rate limit lets through
                         "--ledger.rate-limits.enabled=false");
            try {
                int port = ((WebServerApplicationContext) context).getWebServer().getPort();
                Setup setup = new Setup(new ApiClient(port), context);
                run(port, setup.proposalsInOneBody(), 5); // warm-up
                run(port, setup.proposalsInEightBodies(), 5);
                StringBuilder report = new StringBuilder();
                report.append("| round | 8 proposals of one body | 8 proposals in 8 bodies | one body / 8 bodies |\n")
                      .append("|---|---|---|---|\n");
                for (int round = 1; round <= rounds; round++) {
                    // New proposals each time (a proposal's state grows with its concerns), in turn first and second.
                    double same;
                    double apart;
                    if (round % 2 == 1) {
                        same = run(port, setup.proposalsInOneBody(), seconds);
                        apart = run(port, setup.proposalsInEightBodies(), seconds);
                    } else {
                        apart = run(port, setup.proposalsInEightBodies(), seconds);
                        same = run(port, setup.proposalsInOneBody(), seconds);
                    }
                    report.append(String.format(Locale.ROOT, "| %d | %,.0f commands/s | %,.0f commands/s | %.0f%% |%n",
                                                round, same, apart, 100 * same / apart));
                }
                MeterRegistry metrics = context.getBean(MeterRegistry.class);
                Timer signing = metrics.get("ledger.receipts.sign").timer();
                Timer keeping = metrics.get("ledger.receipts.keep").timer();
                report.append(String.format(Locale.ROOT, "%nReceipts: %,d issued; leaf hashes and signature %.0f µs "
                                                    + "each on average; keeping it in event_receipts %.0f µs",
                                            signing.count(), signing.mean(TimeUnit.MICROSECONDS),
                                            keeping.mean(TimeUnit.MICROSECONDS)));
                String text = "Backend: " + backend + ", " + WRITERS + " writers, " + seconds + " s a measurement, "
                        + Runtime.getRuntime().availableProcessors() + " cores\n\n" + report;
                System.out.println(text);
                Files.createDirectories(output.toAbsolutePath().getParent());
                Files.writeString(output, text);
            } finally {
                context.close();
            }
        }
    }

    /** A writer's proposal, and the members and co-chair token it records contributions with. */
    private record Writer(String proposal, List<String> members, String chair) {
    }

    /** Commands per second over {@code seconds}, each writer recording concerns on its own proposal. */
    private static double run(int port, List<Writer> writers, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(writers.size());
        List<Future<Integer>> counts = new ArrayList<>();
        for (int i = 0; i < writers.size(); i++) {
            Writer writer = writers.get(i);
            long seed = i;
            counts.add(threads.submit(() -> {
                ApiClient http = new ApiClient(port);
                SplittableRandom random = new SplittableRandom(seed);
                int done = 0;
                while (running.get()) {
                    String member = writer.members().get(random.nextInt(writer.members().size()));
                    ApiClient.Response response = http.post("/api/proposals/" + writer.proposal() + "/concerns",
                                                            writer.chair(), fields("organisationId", member,
                                                                                   "text", "A concern"));
                    if (response.status() != 201) {
                        throw new IllegalStateException("A command failed: " + response);
                    }
                    done++;
                }
                return done;
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        long total = 0;
        for (Future<Integer> count : counts) {
            total += count.get();
        }
        threads.shutdown();
        return total / ((System.nanoTime() - started) / 1e9);
    }

    /** Bodies, members, co-chairs and proposals, made through the API. */
    private static final class Setup {

        private final ApiClient api;
        private final ConfigurableApplicationContext context;
        private final String secretariat;

        private final Body one;
        private final List<Body> eight = new ArrayList<>();

        Setup(ApiClient api, ConfigurableApplicationContext context) {
            this.api = api;
            this.context = context;
            this.secretariat = TestAccounts.secretariat(context);
            this.one = body("One body");
            for (int i = 0; i < WRITERS; i++) {
                eight.add(body("Body " + i));
            }
        }

        /** 8 new proposals, all of one body. */
        List<Writer> proposalsInOneBody() {
            List<Writer> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(new Writer(one.propose(i), one.members(), one.chair()));
            }
            return writers;
        }

        /** 8 new proposals, one in each of 8 bodies. */
        List<Writer> proposalsInEightBodies() {
            List<Writer> writers = new ArrayList<>();
            for (int i = 0; i < WRITERS; i++) {
                writers.add(new Writer(eight.get(i).propose(i), eight.get(i).members(), eight.get(i).chair()));
            }
            return writers;
        }

        private Body body(String name) {
            String chairOrganisation = created(api.post("/api/organisations", secretariat, fields(
                    "name", name + " ministry", "stakeholderGroup", "GOVERNMENT")));
            String body = created(api.post("/api/bodies", secretariat, fields("name", name, "kind", "PLENARY",
                                                                              "mandate", "Decide")));
            List<String> members = new ArrayList<>(List.of(chairOrganisation));
            for (int i = 0; i < 8; i++) {
                members.add(created(api.post("/api/organisations", secretariat, fields(
                        "name", name + " member " + i, "stakeholderGroup", GROUPS.get(i % GROUPS.size())))));
            }
            for (String member : members) {
                created(api.post("/api/bodies/" + body + "/members", secretariat, fields("organisationId", member)));
            }
            ok(api.post("/api/bodies/" + body + "/co-chairs", secretariat, fields("organisationId",
                                                                                    chairOrganisation)));
            return new Body(body, members, TestAccounts.delegateOf(context, chairOrganisation));
        }

        private final class Body {
            private final String id;
            private final List<String> members;
            private final String chair;

            Body(String id, List<String> members, String chair) {
                this.id = id;
                this.members = members;
                this.chair = chair;
            }

            String propose(int number) {
                return created(api.post("/api/proposals", chair, fields("bodyId", id, "proposedBy", members.get(1),
                                                                        "title", "Principle " + number,
                                                                        "text", "Text " + number)));
            }

            List<String> members() {
                return members;
            }

            String chair() {
                return chair;
            }
        }

        private static String created(ApiClient.Response response) {
            if (response.status() != 201) {
                throw new IllegalStateException("Setting up failed: " + response);
            }
            return response.id();
        }

        private static void ok(ApiClient.Response response) {
            if (response.status() != 200) {
                throw new IllegalStateException("Setting up failed: " + response);
            }
        }
    }
}
