package org.consensusledger.verifier;

import org.consensusledger.tlog.CheckpointTime;
import org.consensusledger.tlog.CompactRange;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleHash;
import org.consensusledger.tlog.MerkleProofs;
import org.consensusledger.tlog.NoteVerifier;
import org.consensusledger.tlog.VerificationException;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The auditor's checks, in this order (docs/audit.md, "The verifier"):
 * <ol>
 * <li>the verifier key parses; the checkpoint remembered from the last verified run ({@link StateFile}) is read; the
 * latest checkpoint and every saved one parse, are signed by that key and name the log as their origin; no saved
 * checkpoint is larger than the latest, the remembered one neither larger (a rollback) nor of its size with another
 * root (a fork); the latest is fresh enough ({@link Freshness});</li>
 * <li>with a server: its consistency proof from each saved checkpoint to the latest verifies against their
 * roots;</li>
 * <li>the export, streamed: every line is the event at its position and matches its {@code leafHash}; its leaves
 * are folded into a {@link CompactRange}, and when their count reaches a checkpoint's size the root must be that
 * checkpoint's;</li>
 * <li>the export reaches the size of every checkpoint (else it was truncated); every checkpoint recorded in the
 * minutes it holds is signed, consistent with the others of its size and has the export's root at its size (the
 * leaf hashes are kept in a temporary file for that, {@link LeafSpill}; {@link MinutesCheckpoints});</li>
 * <li>with a server, unless told not to: every dossier it publishes is the one the export's events make
 * ({@link DossierReplay}, {@link PublishedDossiers}).</li>
 * </ol>
 * The first failure ends it: a {@link LogMismatch} (exit 1) or an {@link UnusableInputException} (exit 2).
 */
final class LogVerifier {

    /**
     * What to verify. {@code server} is the base URL when {@code --server} was given, else null; {@code dossiers}
     * whether to compare its published dossiers with the ones the export makes.
     */
    record Inputs(Source events, Source checkpoint, String vkey, List<Source> saved, String server, int threads,
                  boolean dossiers, List<String> meetings, Long event, Memory memory, WitnessQuorum witnesses,
                  List<Source> keyAnnouncements) {

        Inputs(Source events, Source checkpoint, String vkey, List<Source> saved, String server, int threads,
               boolean dossiers, List<String> meetings, Long event, Memory memory) {
            this(events, checkpoint, vkey, saved, server, threads, dossiers, meetings, event, memory,
                 WitnessQuorum.NONE, List.of());
        }

        Inputs(Source events, Source checkpoint, String vkey, List<Source> saved, String server, int threads,
               boolean dossiers, List<String> meetings, Long event, List<Source> keyAnnouncements) {
            this(events, checkpoint, vkey, saved, server, threads, dossiers, meetings, event, Memory.NONE,
                 WitnessQuorum.NONE, keyAnnouncements);
        }

        Inputs(Source events, Source checkpoint, String vkey, List<Source> saved, String server, int threads,
               boolean dossiers) {
            this(events, checkpoint, vkey, saved, server, threads, dossiers, List.of(), null);
        }

        Inputs(Source events, Source checkpoint, String vkey, List<Source> saved, String server, int threads,
               boolean dossiers, List<String> meetings, Long event) {
            this(events, checkpoint, vkey, saved, server, threads, dossiers, meetings, event, Memory.NONE);
        }
    }

    /**
     * What the verifier remembers and how fresh a view it accepts: {@code state} null with {@code --no-state};
     * {@code nothingSaved} is called, before the checks, when neither a saved nor a remembered checkpoint is given
     * ({@code requireSaved}: that run is refused instead), and {@code keysFromServer} too when the log's newer keys
     * were then trusted on the server's list alone ({@link LogKeys#fromServerOnly()}).
     */
    record Memory(StateFile state, Freshness freshness, boolean requireSaved, Runnable nothingSaved,
                  Runnable keysFromServer) {

        static final Memory NONE = new Memory(null, new Freshness(null), false, () -> { }, () -> { });

        Memory(StateFile state, Freshness freshness, boolean requireSaved, Runnable nothingSaved) {
            this(state, freshness, requireSaved, nothingSaved, () -> { });
        }
    }

    /** A verified log: what was checked, for the verdict ({@code dossiers} null if they were not compared). */
    record Result(long events, TrustedCheckpoint latest, List<TrustedCheckpoint> saved, boolean serverProofsChecked,
                  String keyName, long elapsedNanos, PublishedDossiers.Outcome dossiers, List<MeetingSeal> meetings,
                  EventProof.Included event, TrustedCheckpoint remembered, MinutesCheckpoints.Outcome minutes,
                  Freshness.SignedTime signedTime, WitnessQuorum.Cosigned cosigned) {

        double eventsPerSecond() {
            return events / Math.max(1e-9, elapsedNanos / 1e9);
        }
    }

    private LogVerifier() {
    }

    static Result verify(Inputs inputs, Progress progress) throws LogMismatch, UnusableInputException {
        return verify(inputs, progress, ReceiptChecks.none());
    }

    /** As {@link #verify(Inputs, Progress)}, also checking the receipts ({@link ReceiptChecks}). */
    static Result verify(Inputs inputs, Progress progress, ReceiptChecks receipts)
            throws LogMismatch, UnusableInputException {
        // The given key, and each key it handed the log on to (docs/audit.md, Key rotation).
        LogKeys logKey = LogKeys.follow(logKey(inputs.vkey()), inputs.keyAnnouncements(), inputs.server());
        Memory memory = inputs.memory();
        TrustedCheckpoint remembered = memory.state() == null ? null : memory.state().read(logKey).orElse(null);
        if (remembered == null && inputs.saved().isEmpty()) {
            memory.nothingSaved().run();
            if (logKey.fromServerOnly()) {
                memory.keysFromServer().run();
            }
            if (memory.requireSaved()) {
                throw new UnusableInputException("--require-saved-checkpoint: no checkpoint saved earlier was given "
                        + "(--saved <file>) and none is remembered from an earlier run"
                        + (memory.state() == null ? " (--no-state)" : " (" + memory.state().location(logKey.name())
                        + ")"));
            }
        }
        EventProof.Included event = inputs.event() == null ? null
                : EventProof.check(inputs.server(), inputs.event(), logKey);
        TrustedCheckpoint latest = event != null ? event.checkpoint()
                : TrustedCheckpoint.read(inputs.checkpoint(), "the latest checkpoint", logKey);
        List<TrustedCheckpoint> saved = new ArrayList<>();
        for (Source file : inputs.saved()) {
            TrustedCheckpoint checkpoint = TrustedCheckpoint.read(file, "the saved checkpoint", logKey);
            if (checkpoint.size() > latest.size()) {
                throw new LogMismatch("the log was truncated: the checkpoint saved at size " + checkpoint.size()
                        + " (" + file + ") is larger than the latest checkpoint, of size " + latest.size());
            }
            saved.add(checkpoint);
        }
        if (remembered != null) {
            checkRemembered(remembered, latest);
            saved.add(remembered);
        }
        Instant now = Instant.now();
        WitnessQuorum.Cosigned cosigned = inputs.witnesses().check(latest, now);
        Freshness.SignedTime signedTime = memory.freshness()
                .check(signedTimes(latest, cosigned), now, "the latest checkpoint (size " + latest.size() + ")")
                .orElse(null);
        List<MeetingSeal> meetings = new ArrayList<>();
        for (String meeting : inputs.meetings()) {
            MeetingSeal seal = MeetingSeal.fetch(inputs.server(), meeting, logKey);
            if (seal.checkpoint().size() > latest.size()) {
                throw new LogMismatch("the log was truncated: " + seal.checkpoint().description() + " is of size "
                        + seal.checkpoint().size() + ", larger than the latest checkpoint, of size " + latest.size());
            }
            meetings.add(seal);
        }
        if (inputs.server() != null) {
            ConsistencyClient server = new ConsistencyClient(inputs.server());
            for (TrustedCheckpoint checkpoint : saved) {
                checkServerProof(server, checkpoint, latest);
            }
            for (MeetingSeal seal : meetings) {
                checkServerProof(server, seal.checkpoint(), latest);
            }
            for (TrustedCheckpoint announcement : announcements(logKey, latest)) {
                checkServerProof(server, announcement, latest);
            }
        }
        if (event != null) {
            // One event: its proof, and the consistency of every earlier checkpoint, all from the server's proofs.
            return new Result(0, latest, saved, true, logKey.name(), 0, null, meetings, event, remembered, null,
                              signedTime, cosigned);
        }

        receipts.load(logKey.name());

        // Every size whose root must be captured, with the checkpoints of that size (the latest one first).
        TreeMap<Long, List<TrustedCheckpoint>> targets = new TreeMap<>();
        targets.computeIfAbsent(latest.size(), size -> new ArrayList<>()).add(latest);
        for (TrustedCheckpoint checkpoint : saved) {
            targets.computeIfAbsent(checkpoint.size(), size -> new ArrayList<>()).add(checkpoint);
        }
        Map<Long, MeetingSeal> sealLeaves = new HashMap<>();
        for (MeetingSeal seal : meetings) {
            targets.computeIfAbsent(seal.checkpoint().size(), size -> new ArrayList<>()).add(seal.checkpoint());
            seal.expectedLeaves().keySet().forEach(position -> sealLeaves.put(position, seal));
        }
        // The checkpoints that announced the keys followed: the log verified must extend them too.
        for (TrustedCheckpoint announcement : announcements(logKey, latest)) {
            targets.computeIfAbsent(announcement.size(), size -> new ArrayList<>()).add(announcement);
        }
        CompactRange range = new CompactRange();
        checkRoots(range, targets.remove(0L), latest);
        DossierReplay replay = inputs.dossiers() && inputs.server() != null ? new DossierReplay() : null;
        MinutesCheckpoints minutes = new MinutesCheckpoints();
        ExportReader.EventDecoder decoder = (payloadType, line, position) -> {
            MinutesCheckpoints.Recorded recorded = MinutesCheckpoints.decode(payloadType, line, position);
            return recorded != null || replay == null ? recorded : DossierReplay.decode(payloadType, line, position);
        };
        long events;
        progress.start();
        try (LeafSpill leaves = new LeafSpill()) {
            try (InputStream stream = inputs.events().open();
                 ExportReader reader = new ExportReader(inputs.threads(), decoder)) {
                events = reader.read(stream, "the export " + inputs.events(), (position, leafHash, decoded) -> {
                    range.append(leafHash);
                    leaves.append(leafHash);
                    receipts.checkLeaf(position, leafHash);
                    MeetingSeal seal = sealLeaves.isEmpty() ? null : sealLeaves.get(position);
                    if (seal != null) {
                        seal.checkLeaf(position, leafHash);
                    }
                    if (decoded instanceof MinutesCheckpoints.Recorded recorded) {
                        minutes.add(recorded);
                    } else if (decoded != null) {
                        replay.apply((DossierReplay.Exported) decoded);
                    }
                    if (!targets.isEmpty() && targets.firstKey() == range.size()) {
                        checkRoots(range, targets.pollFirstEntry().getValue(), latest);
                    }
                }, progress);
            } catch (IOException e) {
                throw new UnusableInputException("cannot read the export " + inputs.events() + ": "
                        + Source.describe(e), e);
            } catch (ReceiptChecks.UncheckedUnusable e) {
                throw e.cause;
            }
            for (MeetingSeal seal : meetings) {
                if (seal.sealPosition() >= events) {
                    throw new LogMismatch("the export ends at " + events + " events, before the sealing of the minutes "
                            + "of meeting " + seal.meetingId() + " at position " + seal.sealPosition());
                }
            }
            if (!targets.isEmpty()) {
                throw new LogMismatch("the log was truncated: checkpoint of size " + targets.lastKey() + ", export has "
                        + events + " events");
            }
            List<TrustedCheckpoint> known = new ArrayList<>(saved);
            meetings.forEach(seal -> known.add(seal.checkpoint()));
            MinutesCheckpoints.Outcome minutesChecked = minutes.check(logKey, latest, known, leaves);
            receipts.finish(events, latest);
            long elapsed = progress.elapsedNanos();
            PublishedDossiers.Outcome dossiers = replay == null ? null
                    : new PublishedDossiers(inputs.server(), inputs.threads() * 2).compare(replay, events, progress);
            return new Result(events, latest, saved, inputs.server() != null, logKey.name(), elapsed, dossiers,
                              meetings, null, remembered, minutesChecked, signedTime, cosigned);
        }
    }

    /** The verifier key: given as text, or read from a file or URL. */
    static NoteVerifier logKey(String vkey) throws UnusableInputException {
        String text = vkey;
        String from = "";
        if (Source.isUrl(vkey) || Source.isReadableFile(vkey)) {
            text = new Source(vkey).readText();
            from = " in " + vkey;
        }
        try {
            return new NoteVerifier(KeyText.parseVerifierKey(text.strip()));
        } catch (IllegalArgumentException e) {
            if (from.isEmpty() && !vkey.contains("+")) {
                throw new UnusableInputException("the verifier key \"" + vkey
                        + "\" is neither a readable file, a URL nor a key (<name>+<hex8>+<base64>)", e);
            }
            throw new UnusableInputException("malformed verifier key" + from + ": " + e.getMessage(), e);
        }
    }

    /**
     * The checkpoint remembered from the last run against the latest: smaller is a rollback, the same size with
     * another root a fork (the rest, a consistency proof that fails, is the saved checkpoints' check).
     */
    private static void checkRemembered(TrustedCheckpoint remembered, TrustedCheckpoint latest) throws LogMismatch {
        if (latest.size() < remembered.size()) {
            throw new LogMismatch("the log was rolled back: the latest checkpoint is of size " + latest.size()
                    + ", smaller than the one this verifier verified last time (size " + remembered.size() + ", in "
                    + remembered.description().substring(StateFile.DESCRIPTION.length() + 4) + "): events were "
                    + "removed, or you are shown an older view of the log");
        }
        if (latest.size() == remembered.size() && !MessageDigest.isEqual(latest.root(), remembered.root())) {
            throw new LogMismatch("the log forked: the latest checkpoint has the size of the one this verifier "
                    + "verified last time (" + latest.size() + ") but another root (" + base64(latest.root())
                    + ", not " + base64(remembered.root()) + "): two different histories are signed at one size");
        }
    }

    /** The signed times of the latest checkpoint that the auditor trusts: the log's own time line. */
    /** The checkpoint's own time line and the newest cosignature by a trusted witness, whichever there are. */
    private static List<Freshness.SignedTime> signedTimes(TrustedCheckpoint latest, WitnessQuorum.Cosigned cosigned)
            throws LogMismatch {
        try {
            List<Freshness.SignedTime> times = new ArrayList<>();
            CheckpointTime.of(latest.checkpoint())
                          .ifPresent(time -> times.add(new Freshness.SignedTime(time, "its time line")));
            cosigned.quorumCosignatureTime().ifPresent(time -> times.add(new Freshness.SignedTime(
                    time, "the cosignatures of the trusted witnesses required")));
            return times;
        } catch (IllegalArgumentException e) {
            throw new LogMismatch("the latest checkpoint (size " + latest.size() + ") has a malformed time line: "
                    + e.getMessage());
        }
    }

    private static void checkServerProof(ConsistencyClient server, TrustedCheckpoint saved, TrustedCheckpoint latest)
            throws UnusableInputException, LogMismatch {
        long from = saved.size();
        long to = latest.size();
        // Nothing to prove between equal sizes or from the empty tree; the roots are still compared.
        List<byte[]> proof = from == 0 || from == to ? List.of() : server.proof(from, to);
        try {
            MerkleProofs.verifyConsistency(from, to, proof, saved.root(), latest.root());
        } catch (VerificationException e) {
            if (saved.description().startsWith(StateFile.DESCRIPTION)) {
                throw new LogMismatch("the log forked or was rewritten: the server's consistency proof from the "
                        + "checkpoint this verifier verified last time (size " + from + ") to the latest checkpoint "
                        + "(size " + to + ") does not verify, so the log does not extend what was verified then ("
                        + e.getMessage() + ")");
            }
            String which = saved.description().startsWith(MeetingSeal.DESCRIPTION)
                    || saved.description().startsWith(LogKeys.ANNOUNCEMENT)
                    ? saved.description() + " (size " + from + ")" : "the checkpoint saved at size " + from;
            throw new LogMismatch("the server's consistency proof from " + which
                    + " to the latest checkpoint (size " + to + ") does not verify: the log does not extend the "
                    + "saved checkpoint (" + e.getMessage() + ")");
        }
    }

    private static void checkRoots(CompactRange range, List<TrustedCheckpoint> checkpoints, TrustedCheckpoint latest)
            throws LogMismatch {
        if (checkpoints == null) {
            return;
        }
        byte[] root = range.size() == 0 ? MerkleHash.emptyRoot() : range.root();
        for (TrustedCheckpoint checkpoint : checkpoints) {
            if (MessageDigest.isEqual(root, checkpoint.root())) {
                continue;
            }
            long size = range.size();
            String roots = " (root recomputed from the export " + base64(root) + ", signed root "
                    + base64(checkpoint.root()) + ")";
            if (checkpoint.description().startsWith(MeetingSeal.DESCRIPTION)) {
                throw new LogMismatch("the log no longer extends " + checkpoint.description() + ", of size " + size
                        + ": events before " + size + " were changed, removed, inserted or reordered since the "
                        + "minutes were sealed" + roots);
            }
            if (checkpoint.description().startsWith(StateFile.DESCRIPTION)) {
                throw new LogMismatch("the log no longer extends the checkpoint this verifier verified last time, "
                        + "of size " + size + ": events before " + size + " were changed, removed, inserted or "
                        + "reordered since the last run" + roots);
            }
            if (checkpoint.description().startsWith(LogKeys.ANNOUNCEMENT)) {
                throw new LogMismatch("the log no longer extends " + checkpoint.description() + ", of size " + size
                        + ": events before " + size + " were changed, removed, inserted or reordered since the key "
                        + "was handed on" + roots);
            }
            if (checkpoint == latest) {
                throw new LogMismatch("the first " + size + " events of the export do not have the root of the "
                        + "latest checkpoint, of size " + size + ": events before " + size + " were changed, "
                        + "removed, inserted or reordered" + roots);
            }
            throw new LogMismatch("the log no longer extends the checkpoint saved at size " + size + ": events "
                    + "before " + size + " were changed, removed, inserted or reordered" + roots);
        }
    }

    /** The announcements of the keys followed, up to the latest checkpoint's size (a later one is of no view here). */
    private static List<TrustedCheckpoint> announcements(LogKeys logKey, TrustedCheckpoint latest) {
        return logKey.announcements().stream().filter(announcement -> announcement.size() <= latest.size()).toList();
    }

    static String base64(byte[] hash) {
        return Base64.getEncoder().encodeToString(hash);
    }
}
