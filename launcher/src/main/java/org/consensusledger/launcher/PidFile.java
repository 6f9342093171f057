package org.consensusledger.launcher;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code launcher.pids} in the data directory: the running launcher and each application it started, one a line
 * ({@code <name> <pid> <start instant>}), rewritten whenever one starts and deleted on a clean stop. A launcher that
 * finds it at start knows what an earlier launcher left: if that launcher still runs, the new one refuses to start
 * beside it; an application it started that still runs (its launcher killed before the application noticed) is
 * stopped before the new one starts, so that the new applications get their ports and the health checks reach them.
 * A process is taken for one of ours only while it has the recorded pid, the recorded start instant and, for an
 * application, its jar on its command line: a pid reused since by another process is never touched.
 */
final class PidFile {

    static final String NAME = "launcher.pids";
    static final String LAUNCHER = "launcher";
    private static final Logger LOGGER = LoggerFactory.getLogger(PidFile.class);
    private static final Set<PosixFilePermission> OWNER_READ_WRITE = PosixFilePermissions.fromString("rw-------");
    private static final Duration KILLED_WITHIN = Duration.ofSeconds(10);

    /** One process the file names. */
    record Entry(String name, long pid, Instant started) {

        static Optional<Entry> of(String name, ProcessHandle process) {
            return process.info().startInstant().map(started -> new Entry(name, process.pid(), started));
        }

        /** The process this entry names, while it is still the one recorded (and runs {@code name}'s jar). */
        Optional<ProcessHandle> stillRunning() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                                .filter(process -> process.info().startInstant().filter(started::equals).isPresent())
                                .filter(process -> name.equals(LAUNCHER) || runsJar(process, name + ".jar"));
        }

        private static boolean runsJar(ProcessHandle process, String jar) {
            return process.info().arguments().stream().flatMap(Arrays::stream)
                          .anyMatch(argument -> argument.equals(jar) || argument.endsWith("/" + jar));
        }
    }

    private final Path file;

    PidFile(Path dataDirectory) {
        this.file = dataDirectory.resolve(NAME);
    }

    Path path() {
        return file;
    }

    /** What the file names; nothing when there is no file. A line it cannot read is skipped. */
    List<Entry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String[] fields = line.strip().split("\\s+");
            try {
                if (fields.length == 3) {
                    entries.add(new Entry(fields[0], Long.parseLong(fields[1]), Instant.parse(fields[2])));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                LOGGER.warn("Skipping a line of {} that names no process: {}", file, line);
            }
        }
        return entries;
    }

    /** Replaces the file's content by these entries, at once (a reader sees the old list or the new one). */
    void write(Collection<Entry> entries) throws IOException {
        StringBuilder text = new StringBuilder();
        entries.forEach(entry -> text.append(entry.name()).append(' ').append(entry.pid()).append(' ')
                                     .append(entry.started()).append('\n'));
        Path written = file.resolveSibling(NAME + ".new");
        Files.deleteIfExists(written);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(written, PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE));
        }
        Files.writeString(written, text);
        Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }

    /** The earlier launcher the file names, if it still runs. */
    Optional<ProcessHandle> runningLauncher() throws IOException {
        return read().stream().filter(entry -> entry.name().equals(LAUNCHER)).findFirst()
                     .flatMap(Entry::stillRunning);
    }

    /**
     * Stops every application the file names that still runs: SIGTERM to all at once, and SIGKILL to those still
     * running after {@code grace}. Returns how many it stopped; fails if one survives even SIGKILL.
     */
    int stopLeftovers(Duration grace) throws IOException, InterruptedException {
        Map<Entry, ProcessHandle> leftovers = new LinkedHashMap<>();
        for (Entry entry : read()) {
            if (!entry.name().equals(LAUNCHER)) {
                entry.stillRunning().ifPresent(process -> leftovers.put(entry, process));
            }
        }
        leftovers.forEach((entry, process) -> {
            LOGGER.warn("The {} (pid {}) started by an earlier launcher, started at {}, is still running; stopping it",
                        entry.name(), entry.pid(), entry.started());
            process.destroy();
        });
        Instant deadline = Instant.now().plus(grace);
        for (Map.Entry<Entry, ProcessHandle> leftover : leftovers.entrySet()) {
            Entry entry = leftover.getKey();
            ProcessHandle process = leftover.getValue();
            if (!exited(process, Duration.between(Instant.now(), deadline))) {
                LOGGER.warn("The {} (pid {}) did not stop within {} of SIGTERM; killing it", entry.name(), entry.pid(),
                            grace);
                process.destroyForcibly();
                if (!exited(process, KILLED_WITHIN)) {
                    throw new IllegalStateException("The " + entry.name() + " (pid " + entry.pid() + ") left by an "
                            + "earlier launcher survives SIGKILL; stop it by hand (kill -9 " + entry.pid() + ")");
                }
            }
        }
        return leftovers.size();
    }

    private static boolean exited(ProcessHandle process, Duration within) throws InterruptedException {
        try {
            process.onExit().get(Math.max(0, within.toMillis()), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        }
    }
}
