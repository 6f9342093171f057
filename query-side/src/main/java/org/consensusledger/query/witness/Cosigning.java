package org.consensusledger.query.witness;

import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.query.audit.Checkpoints;
import org.consensusledger.query.audit.MerkleLog;
import org.consensusledger.query.projection.ReplayProperties;
import org.consensusledger.tlog.AddCheckpoint;
import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.SignedNote;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends this log's checkpoints to its witnesses (C2SP tlog-witness, {@code ledger.audit.witnesses}) and keeps their
 * cosignatures with the checkpoint ({@link Checkpoints#addCosignature}), off the signing thread: it looks for a new
 * latest checkpoint every {@code min(ledger.audit.checkpoint-interval, 1 s)}, so signing never waits for a witness,
 * and sends it to each witness on a task of its own, so a witness that stalls or fails never delays the others. Each
 * exchange, answer included, is bounded by {@code ledger.audit.witness-timeout}.
 * Each witness is sent the consistency proof from the size it last cosigned (unknown at start: the first request says
 * {@code old 0}, the witness answers 409 with its size, and the request is sent again from there). A witness that
 * cannot be reached, answers late, or refuses is tried again after a back-off (1 s, doubling, at most
 * {@code ledger.audit.witness-back-off}, 5 min); each
 * refusal is logged and shown on the health ({@link WitnessHealth}).
 */
@Component
class Cosigning implements SmartLifecycle {

    private static final Logger LOGGER = LoggerFactory.getLogger(Cosigning.class);
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final int MAX_ANSWER = 64 * 1024;
    /** Requests per witness per checkpoint: the first, and again after 409s. */
    private static final int ATTEMPTS = 3;
    private static final AtomicInteger SENDERS = new AtomicInteger();

    private final Checkpoints checkpoints;
    private final MerkleLog tree;
    private final List<CosignerStatus> witnesses = new ArrayList<>();
    private final Duration timeout;
    private final Duration longestBackOff;
    private final Duration pollInterval;
    private final boolean replayOnly;
    private final HttpClient http;
    private final Clock clock = Clock.systemUTC();
    private volatile ScheduledExecutorService scheduler;
    /** One task per witness at a time ({@link CosignerStatus#busy}); null before start: sent on the caller's thread. */
    private volatile ExecutorService senders;

    Cosigning(CosigningProperties properties, AuditProperties audit, Checkpoints checkpoints, MerkleLog tree,
              ReplayProperties replay) {
        this.checkpoints = checkpoints;
        this.tree = tree;
        this.timeout = properties.witnessTimeout();
        this.longestBackOff = properties.witnessBackOff();
        this.pollInterval = audit.checkpointInterval().compareTo(Duration.ofSeconds(1)) < 0
                ? audit.checkpointInterval() : Duration.ofSeconds(1);
        this.replayOnly = replay.replayOnly();
        for (int i = 0; i < properties.witnesses().size(); i++) {
            CosigningProperties.Witness witness = properties.witnesses().get(i);
            if (witness.url() == null || !witness.url().matches("(?i)https?://.+")) {
                throw new IllegalStateException("ledger.audit.witnesses[" + i + "].url must be the witness's http(s) "
                        + "submission prefix (the request goes to <url>/add-checkpoint), not \"" + witness.url() + "\"");
            }
            Cosignature.Verifier verifier;
            try {
                verifier = new Cosignature.Verifier(witness.vkey() == null ? null : witness.vkey().strip());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("ledger.audit.witnesses[" + i + "].vkey is not a witness's cosigner "
                        + "key (<name>+<key id>+<base64(0x04 ‖ key)>): " + e.getMessage(), e);
            }
            witnesses.add(new CosignerStatus(witness.url().replaceAll("/+$", ""), verifier));
        }
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The witnesses and how each is doing, for the health. */
    List<CosignerStatus> witnesses() {
        return List.copyOf(witnesses);
    }

    /** Sends the latest checkpoint to every witness that has not cosigned it and is not backing off. */
    void sendLatest() {
        // The note as stored, every log signature in it (two during a key rotation), no cosignature.
        Optional<Checkpoints.Signed> latest = checkpoints.latestAsSigned();
        if (latest.isEmpty()) {
            return;
        }
        String note = latest.get().note();
        long size = latest.get().size();
        for (CosignerStatus witness : witnesses) {
            if (!note.equals(witness.cosignedNote) && System.nanoTime() - witness.nextAttemptNanos >= 0
                    && witness.busy.compareAndSet(false, true)) {
                Runnable task = () -> {
                    try {
                        send(witness, size, note);
                    } catch (RuntimeException e) {
                        refused(witness, CosignerStatus.Refusal.UNREACHABLE, 0, "sending failed: " + e);
                    } finally {
                        witness.busy.set(false);
                    }
                };
                ExecutorService running = senders;
                if (running == null) {
                    task.run();
                } else {
                    // Each witness on a task of its own: one that stalls or fails never delays the others.
                    running.execute(task);
                }
            }
        }
    }

    private void send(CosignerStatus witness, long size, String note) {
        try {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                long old = witness.knownSize;
                if (old > size) {
                    refused(witness, CosignerStatus.Refusal.LARGER, 0, "it has cosigned a checkpoint of size " + old
                            + " of this log, larger than the latest here (" + size + ")");
                    return;
                }
                List<byte[]> proof = old == 0 || old == size ? List.of() : tree.tree().consistencyProof(old, size);
                HttpResponse<String> response = exchange(HttpRequest.newBuilder(
                        URI.create(witness.url + "/add-checkpoint")).timeout(timeout)
                        .header("Content-Type", "text/plain; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(new AddCheckpoint(old, proof, note).format()))
                        .build());
                String answer = response.body();
                if (response.statusCode() == 409) {
                    witness.knownSize = AddCheckpoint.parseSize(answer);
                    continue;
                }
                if (response.statusCode() != 200) {
                    // A 4xx is the witness's refusal; a 3xx or 5xx (a proxy's page, a witness that is down) is not.
                    int status = response.statusCode();
                    refused(witness, status >= 400 && status < 500 ? CosignerStatus.Refusal.REFUSED
                            : CosignerStatus.Refusal.UNREACHABLE, status, "it answered " + status + ": "
                            + shortened(answer));
                    return;
                }
                cosigned(witness, size, note, answer);
                return;
            }
            refused(witness, CosignerStatus.Refusal.UNREACHABLE, 409, "it answered 409 " + ATTEMPTS
                    + " times in a row");
        } catch (IOException | IllegalArgumentException e) {
            refused(witness, CosignerStatus.Refusal.UNREACHABLE, 0, "no usable answer: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One request and its whole answer (at most {@link #MAX_ANSWER} bytes) within the timeout: the request's own
     * timeout bounds the headers only, so a witness that sends headers and then stalls is cut off here.
     */
    private HttpResponse<String> exchange(HttpRequest request) throws IOException, InterruptedException {
        AtomicReference<LimitedBody> body = new AtomicReference<>();
        CompletableFuture<HttpResponse<String>> sent = http.sendAsync(request, info -> {
            LimitedBody limited = new LimitedBody();
            body.set(limited);
            return limited;
        });
        try {
            return sent.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            sent.cancel(true);
            LimitedBody started = body.get();
            if (started != null) {
                started.cancel();
            }
            throw new IOException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
                                  cause);
        } finally {
            sent.cancel(true); // interrupted: the exchange must not outlive this attempt
        }
    }

    /** An answer's body as text, its first {@link #MAX_ANSWER} bytes (the rest is not read). */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<String> {

        private final CompletableFuture<String> text = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile Flow.Subscription subscription;

        @Override
        public CompletionStage<String> getBody() {
            return text;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public synchronized void onNext(List<ByteBuffer> items) {
            for (ByteBuffer item : items) {
                byte[] chunk = new byte[Math.min(item.remaining(), MAX_ANSWER - bytes.size())];
                item.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
            if (bytes.size() >= MAX_ANSWER) {
                cancel();
                onComplete();
            }
        }

        @Override
        public void onError(Throwable failure) {
            text.completeExceptionally(failure);
        }

        @Override
        public synchronized void onComplete() {
            text.complete(bytes.toString(StandardCharsets.UTF_8));
        }

        void cancel() {
            Flow.Subscription started = subscription;
            if (started != null) {
                started.cancel();
            }
        }
    }

    private void cosigned(CosignerStatus witness, long size, String note, String answer) {
        String text = SignedNote.parse(note).text();
        List<SignedNote.Signature> lines = AddCheckpoint.parseCosignatures(answer);
        for (SignedNote.Signature line : lines) {
            if (witness.verifier.isOf(line)) {
                Cosignature.timestamp(line); // a timestamp no date can hold: refused in words
            }
        }
        SignedNote.Signature valid = lines.stream()
                                                  .filter(line -> witness.verifier.verify(text, line))
                                                  .findFirst().orElse(null);
        if (valid == null) {
            refused(witness, CosignerStatus.Refusal.UNREACHABLE, 0, "its answer holds no valid cosignature by "
                    + witness.verifier.key().format());
            return;
        }
        Instant at = Instant.ofEpochSecond(Cosignature.timestamp(valid)); // refused in words if out of range
        witness.knownSize = size;
        if (!checkpoints.addCosignature(size, note, valid.line().strip())) {
            // Not kept (the checkpoint was re-signed meanwhile, or too many writes at once): not done, sent again.
            refused(witness, CosignerStatus.Refusal.LOCAL, 0, "its cosignature of the checkpoint of size " + size
                    + " could not be kept with it (the "
                    + "checkpoint changed meanwhile); sending again");
            return;
        }
        witness.cosignedNote = note;
        witness.cosignedSize = size;
        witness.cosignedAt = at;
        witness.failures = 0;
        witness.refusal = null;
        witness.nextAttemptNanos = System.nanoTime();
    }

    private void refused(CosignerStatus witness, CosignerStatus.Refusal kind, int status, String reason) {
        witness.failures++;
        long backOff = Math.min(longestBackOff.toMillis(),
                                FIRST_BACK_OFF.toMillis() << Math.min(20, witness.failures - 1));
        witness.nextAttemptNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backOff);
        witness.refusedAt = clock.instant();
        witness.refusalKind = kind;
        witness.refusalStatus = status;
        witness.refusal = reason;
        // A witness may be down for a while: said once loudly, then quietly until it changes.
        if (witness.failures == 1) {
            LOGGER.error("The witness {} did not cosign this log's checkpoint: {}; trying again in {} ms",
                         witness.url, reason, backOff);
        } else {
            LOGGER.warn("The witness {} did not cosign (attempt {}): {}; trying again in {} ms", witness.url,
                        witness.failures, reason, backOff);
        }
    }

    private static String shortened(String answer) {
        String line = answer.strip().replaceAll("[\\p{Cntrl}]", " ");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    @Override
    public boolean isAutoStartup() {
        return !replayOnly && !witnesses.isEmpty();
    }

    @Override
    public synchronized void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "witness-poller");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(() -> {
            try {
                sendLatest();
            } catch (RuntimeException | Error e) {
                // An Error too: a periodic task that throws is never run again.
                LOGGER.error("Sending the latest checkpoint to the witnesses failed; trying again", e);
            }
        }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        senders = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "witness-sender-" + SENDERS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        scheduler = started;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = scheduler;
        ExecutorService sending = senders;
        scheduler = null;
        senders = null;
        for (ExecutorService executor : new ExecutorService[] {running, sending}) {
            if (executor != null) {
                executor.shutdownNow();
                try {
                    executor.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
