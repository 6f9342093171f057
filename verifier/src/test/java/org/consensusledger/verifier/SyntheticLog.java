package org.consensusledger.verifier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.consensusledger.audit.Leaves;
import org.consensusledger.events.LedgerJson;
import org.consensusledger.tlog.Checkpoint;
import org.consensusledger.tlog.CheckpointTime;
import org.consensusledger.tlog.KeyText;
import org.consensusledger.tlog.MerkleAppender;
import org.consensusledger.tlog.MerkleNode;
import org.consensusledger.tlog.MerkleTree;
import org.consensusledger.tlog.NodeId;
import org.consensusledger.tlog.NodeReader;
import org.consensusledger.tlog.NoteSigner;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * A synthetic log for tests and the benchmark, built the way the server builds it but independently of the
 * verifier: stored events like the ledger's (payloads of about 500 bytes), their leaf hashes by {@link Leaves},
 * the tree by {@link MerkleAppender} over an in-memory {@link NodeReader}, roots and proofs by {@link MerkleTree},
 * checkpoints signed by {@link NoteSigner} with a fresh {@link KeyText#generate} key. The "operator" of a test can
 * append events of its own choosing (for example a rewritten tail) and sign new checkpoints with the same key.
 */
public final class SyntheticLog {

    public static final String LOG_NAME = "ledger.example/log";
    public static final ObjectMapper MAPPER = LedgerJson.objectMapper();

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);
    private static final Instant START = Instant.parse("2026-03-04T09:30:15.123456789Z");
    private static final String[] WORDS = ("the body agrees that data flows across borders should be lawful fair "
            + "and transparent members raised concerns about retention periods consent and the role of national "
            + "regulators while others asked for a review clause after two years of operation").split(" ");
    private static final String[] GROUPS = {"GOVERNMENT", "CIVIL_SOCIETY", "PRIVATE_SECTOR", "TECHNICAL", "ACADEMIA"};

    private final NoteSigner signer;
    private final Nodes nodes;
    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> lineSink;
    private long size;

    /** An empty log whose export lines are kept in memory ({@link #lines()}), all tree nodes too. */
    public SyntheticLog(NoteSigner signer) {
        this.signer = signer;
        this.nodes = new Nodes(true);
        this.lineSink = lines::add;
    }

    /**
     * An empty log for long exports: each export line goes to {@code lineSink} and is not kept, and only the right
     * edge of the tree is kept, so {@link #root} and {@link #checkpoint} work for the current size only.
     */
    public SyntheticLog(NoteSigner signer, Consumer<String> lineSink) {
        this.signer = signer;
        this.nodes = new Nodes(false);
        this.lineSink = lineSink;
    }

    /** A log of {@code events} synthetic events, signed by a fresh key named {@link #LOG_NAME}. */
    public static SyntheticLog generate(int events) {
        SyntheticLog log = new SyntheticLog(new NoteSigner(KeyText.generate(LOG_NAME)));
        log.appendSynthetic(events, 1);
        return log;
    }

    /** Appends {@code count} synthetic events (variant 1 is the honest log, others give different events). */
    public void appendSynthetic(int count, int variant) {
        long first = size;
        List<ObjectNode> events = IntStream.range(0, count).parallel()
                                           .mapToObj(i -> event(first + i, variant))
                                           .collect(java.util.stream.Collectors.toList());
        appendEvents(events);
    }

    /** Appends events as they are (their globalPosition is not checked), with their leaf hashes. */
    public void appendEvents(List<ObjectNode> events) {
        List<byte[]> hashes = events.parallelStream().map(Leaves::leafHash)
                                    .collect(java.util.stream.Collectors.toList());
        MerkleAppender.Result result = MerkleAppender.append(size, nodes, hashes);
        nodes.store(result.nodes(), result.newSize());
        size = result.newSize();
        for (int i = 0; i < events.size(); i++) {
            lineSink.accept(line(events.get(i), hashes.get(i)));
        }
    }

    /** A stored event like the ledger's, at {@code position}, deterministic in (position, variant). */
    public static ObjectNode event(long position, int variant) {
        Random random = new Random(position * 1_000_003L + variant);
        ObjectNode event = MAPPER.createObjectNode();
        event.put("globalPosition", position);
        event.put("eventId", uuid(random));
        boolean ofAggregate = position % 97 != 13;
        if (ofAggregate) {
            event.put("aggregateId", new UUID(variant, position % 1000).toString());
            event.put("aggregateType", position % 3 == 0 ? "Meeting" : "Proposal");
            event.put("sequenceNumber", position / 1000);
        }
        ObjectNode payload = MAPPER.createObjectNode();
        switch ((int) (position % 4)) {
            case 0:
                event.put("payloadType", "org.consensusledger.events.proposal.ProposalSubmitted");
                payload.put("proposalId", uuid(random));
                payload.put("bodyId", uuid(random));
                payload.put("proposedBy", uuid(random));
                payload.put("title", "Principle " + (position % 50 + 1) + ": " + words(random, 5));
                payload.put("text", words(random, 22));
                payload.put("textSha256", HexFormat.of().formatHex(randomBytes(random, 32)));
                break;
            case 1:
                event.put("payloadType", "org.consensusledger.events.proposal.ObjectionRaised");
                payload.put("proposalId", uuid(random));
                payload.put("bodyId", uuid(random));
                payload.put("objectionId", uuid(random));
                payload.put("organisationId", uuid(random));
                payload.put("stakeholderGroup", GROUPS[random.nextInt(GROUPS.length)]);
                payload.put("version", 1 + random.nextInt(5));
                payload.put("grounds", words(random, 20));
                break;
            case 2:
                event.put("payloadType", "org.consensusledger.events.meeting.AttendanceRecorded");
                payload.put("meetingId", uuid(random));
                payload.put("bodyId", uuid(random));
                payload.put("organisationId", uuid(random));
                payload.put("mode", random.nextBoolean() ? "IN_PERSON" : "REMOTE");
                payload.put("quorum", new java.math.BigDecimal("0.50"));
                payload.put("note", words(random, 24) + " \"quoted\" \u00e9t\u00e9");
                break;
            default:
                event.put("payloadType", "org.consensusledger.events.proposal.SupportExpressed");
                payload.put("proposalId", uuid(random));
                payload.put("bodyId", uuid(random));
                payload.put("organisationId", uuid(random));
                payload.put("stakeholderGroup", GROUPS[random.nextInt(GROUPS.length)]);
                payload.put("statement", words(random, 26));
                break;
        }
        if (position % 5 == 0) {
            event.putNull("payloadRevision");
        } else {
            event.put("payloadRevision", "1");
        }
        String timestamp = TIMESTAMP.format(START.plusMillis(position * 7).plusNanos(position % 1000));
        event.put("timestamp", timestamp);
        payload.put("meetingId", uuid(random));
        payload.put("occurredAt", timestamp);
        event.set("payload", payload);
        ObjectNode metadata = MAPPER.createObjectNode();
        metadata.put("correlationId", uuid(random));
        metadata.put("traceId", uuid(random));
        metadata.put("userId", "user-" + random.nextInt(5000));
        event.set("metadata", metadata);
        return event;
    }

    /** One export line: the event with its {@code leafHash} (if not null) added. */
    public static String line(ObjectNode event, byte[] leafHash) {
        ObjectNode copy = event.deepCopy();
        if (leafHash != null) {
            copy.put(Leaves.LEAF_HASH_FIELD, HexFormat.of().formatHex(leafHash));
        }
        try {
            return MAPPER.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public long size() {
        return size;
    }

    /** The export lines (a copy, to tamper with). */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    /** The export lines with their leafHash removed from those at {@code from} on (not yet in the tree). */
    public List<String> linesWithoutLeafHashFrom(int from) {
        List<String> copy = lines();
        for (int i = from; i < copy.size(); i++) {
            ObjectNode event = parse(copy.get(i));
            event.remove(Leaves.LEAF_HASH_FIELD);
            copy.set(i, line(event, null));
        }
        return copy;
    }

    public String vkey() {
        return signer.verifierKey().format();
    }

    public NoteSigner signer() {
        return signer;
    }

    /** The RFC 9162 root of the first {@code treeSize} leaves. */
    public byte[] root(long treeSize) {
        return new MerkleTree(nodes, size).root(treeSize);
    }

    /** The signed checkpoint of the tree of the first {@code treeSize} leaves, signed now (its time line). */
    public String checkpoint(long treeSize) {
        return checkpoint(treeSize, Instant.now());
    }

    /** The signed checkpoint of the tree of the first {@code treeSize} leaves with the time line {@code signedAt}. */
    public String checkpoint(long treeSize, Instant signedAt) {
        return signer.sign(CheckpointTime.stamped(new Checkpoint(LOG_NAME, treeSize, root(treeSize)), signedAt)
                                         .format());
    }

    /** The signed checkpoint of the first {@code treeSize} leaves with the extension lines given (signed all the same). */
    public String checkpointWithExtensions(long treeSize, List<String> extensions) {
        return signer.sign(new Checkpoint(LOG_NAME, treeSize, root(treeSize), extensions).format());
    }

    /** The signed checkpoint of the first {@code treeSize} leaves as signed before the time line existed. */
    public String checkpointWithoutTime(long treeSize) {
        return signer.sign(new Checkpoint(LOG_NAME, treeSize, root(treeSize)).format());
    }

    /** The RFC 9162 inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} leaves. */
    public List<byte[]> inclusionProof(long index, long treeSize) {
        return new MerkleTree(nodes, size).inclusionProof(index, treeSize);
    }

    public List<byte[]> consistencyProof(long from, long to) {
        return new MerkleTree(nodes, size).consistencyProof(from, to);
    }

    public static ObjectNode parse(String line) {
        try {
            return (ObjectNode) MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static Path write(Path file, List<String> lines) {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static byte[] randomBytes(Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The stored nodes, in a map; optionally only the right edge of the current size. */
    private static final class Nodes implements NodeReader {

        private final Map<NodeId, byte[]> nodes = new HashMap<>();
        private final boolean keepAll;

        Nodes(boolean keepAll) {
            this.keepAll = keepAll;
        }

        void store(List<MerkleNode> stored, long newSize) {
            for (MerkleNode node : stored) {
                nodes.put(node.id(), node.hash());
            }
            if (!keepAll) {
                Set<NodeId> edge = new HashSet<>(MerkleAppender.rightEdge(newSize));
                nodes.keySet().retainAll(edge);
            }
        }

        @Override
        public byte[] node(int level, long index) {
            byte[] hash = nodes.get(new NodeId(level, index));
            if (hash == null) {
                throw new IllegalStateException("no node (" + level + "," + index + ")");
            }
            return hash;
        }
    }
}
