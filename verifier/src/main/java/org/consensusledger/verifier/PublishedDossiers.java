package org.consensusledger.verifier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.consensusledger.dossier.DossierDocument;
import org.consensusledger.dossier.DossierView.ObjectionView;
import org.consensusledger.dossier.DossierView;
import org.consensusledger.events.LedgerJson;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Check 5's second half: each dossier the server publishes ({@code GET <base>/api/public/proposals/{id}}) must be
 * the one its events in the export make, rendered with the query side's own {@link DossierView#of} (diffs,
 * organisation names, how long each objection waited), except how long a still-pending objection has waited, which
 * depends on the moment of the request. And every proposal the server lists must have events in the export.
 * <p>
 * A published dossier that reflects a position beyond the export changed after the export was taken: it is not
 * compared, only counted. One that lags behind the export is fetched again for a while (the query side may still be
 * catching up; 10 s in all, however many lag) before it counts as a mismatch.
 */
final class PublishedDossiers {

    static final String PATH = "/api/public/proposals";
    private static final int LIST_PAGE = 100;
    private static final int CHUNK = 64;
    private static final long LAG_PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);

    private static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    /** What was compared: dossiers found equal, and dossiers that changed after the export (not compared). */
    record Outcome(long matched, long changedSinceExport) {
    }

    private final String base;
    private final int parallelism;
    /** When the patience with lagging dossiers ends (0 until the first one). */
    private long patienceEnds;

    PublishedDossiers(String base, int parallelism) {
        this.base = base;
        this.parallelism = Math.max(1, parallelism);
    }

    Outcome compare(DossierReplay replay, long exportSize, Progress progress)
            throws LogMismatch, UnusableInputException {
        Map<String, DossierDocument> rebuilt = replay.dossiers();
        progress.start(); // the rate shown is of this phase
        long matched = 0;
        long changed = 0;
        AtomicInteger number = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, task -> {
            Thread thread = new Thread(task, "dossier-fetcher-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Iterator<DossierDocument> next = rebuilt.values().iterator();
            while (next.hasNext()) {
                List<DossierDocument> chunk = new ArrayList<>(CHUNK * parallelism);
                while (next.hasNext() && chunk.size() < CHUNK * parallelism) {
                    chunk.add(next.next());
                }
                List<Future<Published>> fetched = new ArrayList<>(chunk.size());
                for (DossierDocument dossier : chunk) {
                    fetched.add(pool.submit(() -> fetch(dossier.id())));
                }
                for (int i = 0; i < chunk.size(); i++) {
                    if (check(chunk.get(i), await(fetched.get(i)), replay, exportSize)) {
                        matched++;
                    } else {
                        changed++;
                    }
                }
                progress.update(matched + changed, "dossiers", "compared");
            }
        } finally {
            pool.shutdownNow();
        }
        changed += checkListed(rebuilt, exportSize);
        return new Outcome(matched, changed);
    }

    /** A published dossier, or null if the server has none by that id. */
    private record Published(String url, DossierView view) {
    }

    private Published fetch(String proposalId) throws UnusableInputException {
        String url = base + PATH + "/" + URLEncoder.encode(proposalId, StandardCharsets.UTF_8).replace("+", "%20");
        Source.Answer answer = Source.fetch(url);
        if (answer.status() == 404) {
            return new Published(url, null);
        }
        if (answer.status() != 200) {
            throw new UnusableInputException("GET " + url + " answered HTTP " + answer.status());
        }
        try {
            return new Published(url, MAPPER.readValue(answer.body(), DossierView.class));
        } catch (IOException e) {
            throw new UnusableInputException("the dossier at " + url + " is not a dossier: " + e.getMessage(), e);
        }
    }

    /** True if the published dossier is the rebuilt one; false if it changed after the export. */
    private boolean check(DossierDocument dossier, Published published, DossierReplay replay, long exportSize)
            throws LogMismatch, UnusableInputException {
        while (published.view() != null && published.view().asOfPosition() < dossier.position() && patient()) {
            sleep();
            published = fetch(dossier.id());
        }
        if (published.view() == null) {
            throw new LogMismatch("the server publishes no dossier of proposal " + dossier.id() + " (" + published.url()
                    + " answered 404), whose events the log holds up to position " + dossier.position());
        }
        long at = published.view().asOfPosition();
        if (at >= exportSize) {
            return false;
        }
        if (at != dossier.position()) {
            throw new LogMismatch("the published dossier of proposal " + dossier.id() + " (" + published.url()
                    + ") reflects position " + at + ", but its last event in the log is at position "
                    + dossier.position());
        }
        DossierView expected = DossierView.of(dossier, replay.organisations(), Instant.now(),
                                              (id, previous, version) -> DossierView.unifiedDiff(previous, version));
        JsonNode made = MAPPER.valueToTree(comparable(expected));
        JsonNode shown = MAPPER.valueToTree(comparable(published.view()));
        String difference = firstDifference("", made, shown);
        if (difference != null) {
            throw new LogMismatch("the published dossier of proposal " + dossier.id() + " (" + published.url()
                    + ") is not the one its events in the log make: " + difference);
        }
        return true;
    }

    /** Every proposal the server lists must be one the export has events of (or one that changed since). */
    private long checkListed(Map<String, DossierDocument> rebuilt, long exportSize)
            throws LogMismatch, UnusableInputException {
        long changed = 0;
        for (int page = 0; ; page++) {
            String url = base + PATH + "?size=" + LIST_PAGE + "&page=" + page;
            Source.Answer answer = Source.fetch(url);
            if (answer.status() != 200) {
                throw new UnusableInputException("GET " + url + " answered HTTP " + answer.status());
            }
            JsonNode items;
            try {
                items = MAPPER.readTree(answer.body()).get("items");
            } catch (IOException e) {
                throw new UnusableInputException("the proposal list at " + url + " is not JSON", e);
            }
            if (items == null || !items.isArray()) {
                throw new UnusableInputException("the proposal list at " + url + " has no \"items\" array");
            }
            for (JsonNode item : items) {
                String id = item.path("proposalId").asText();
                if (rebuilt.containsKey(id)) {
                    continue;
                }
                Published published = fetch(id);
                if (published.view() != null && published.view().asOfPosition() < exportSize) {
                    throw new LogMismatch("the server publishes proposal " + id + " (" + published.url()
                            + ", as of position " + published.view().asOfPosition() + "), of which the log has "
                            + "no submission");
                }
                changed++;
            }
            if (items.size() < LIST_PAGE) {
                return changed;
            }
        }
    }

    /** The view without what depends on the moment it was made: how long a pending objection has waited. */
    private static DossierView comparable(DossierView view) {
        List<ObjectionView> objections = view.objections().stream().map(
                objection -> objection.pending() ? new ObjectionView(objection.objection(),
                                                                    objection.organisationName(), null, true)
                        : objection).toList();
        return new DossierView(view.proposalId(), view.bodyId(), view.title(), view.proposedBy(), view.status(),
                               view.currentText(), view.versions(), view.contributions(), objections,
                               view.consensusCalls(), view.outcomes(), view.appeals(), view.corrections(),
                               view.organisationNames(), view.organisationGroups(), view.asOfPosition());
    }

    /** Where two JSON trees first differ, as a JSON pointer with both values; null if they are equal. */
    static String firstDifference(String path, JsonNode fromLog, JsonNode published) {
        if (fromLog.equals(published)) {
            return null;
        }
        if (fromLog.isObject() && published.isObject()) {
            Iterator<String> names = fromLog.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String found = firstDifference(path + "/" + name, fromLog.get(name), published.path(name));
                if (found != null) {
                    return found;
                }
            }
            Iterator<String> extra = published.fieldNames();
            while (extra.hasNext()) {
                String name = extra.next();
                if (!fromLog.has(name)) {
                    return path + "/" + name + " is published but not made by the log";
                }
            }
        } else if (fromLog.isArray() && published.isArray()) {
            for (int i = 0; i < Math.min(fromLog.size(), published.size()); i++) {
                String found = firstDifference(path + "/" + i, fromLog.get(i), published.get(i));
                if (found != null) {
                    return found;
                }
            }
            return path + " has " + fromLog.size() + " entries from the log, " + published.size() + " published";
        }
        return (path.isEmpty() ? "/" : path) + " is " + published + " published, " + fromLog + " from the log";
    }

    /**
     * Whether to wait for a dossier that lags behind the export: for at most {@link #LAG_PATIENCE_NANOS} in all,
     * counted from the first wait, so that a server whose projections are stuck fails soon rather than once per
     * dossier.
     */
    private boolean patient() {
        long now = System.nanoTime();
        if (patienceEnds == 0) {
            patienceEnds = now + LAG_PATIENCE_NANOS;
        }
        return now < patienceEnds;
    }

    private static void sleep() throws UnusableInputException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnusableInputException("interrupted while waiting for the server to catch up", e);
        }
    }

    private static Published await(Future<Published> future) throws UnusableInputException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnusableInputException("interrupted while fetching dossiers", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnusableInputException unusable) {
                throw unusable;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
