package io.configvault.capture.command;

import io.configvault.shared.io.DurableFiles;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshot request ids this agent has acted on, with their expiry, in
 * {@code <data-dir>/handled-requests} (one {@code <request id> <expires at>} per line; temporary
 * file, fsync, rename), so that a replayed request is refused across restarts. Bounded: an entry
 * is dropped once its request has expired (the expiry alone refuses it from then on), and beyond
 * {@value #MAX_ENTRIES} entries the soonest-expiring go first. Not thread-safe: one handler
 * thread uses it.
 */
final class HandledRequests {

    static final int MAX_ENTRIES = 1024;

    private final Path file;
    private final int maxEntries;
    private final Map<SnapshotId, Instant> handled = new HashMap<>();

    private HandledRequests(Path file, int maxEntries) {
        this.file = file;
        this.maxEntries = maxEntries;
    }

    /** Loads the file (absent: none handled yet); a line it cannot read is an error. */
    static HandledRequests open(Path dataDir) throws IOException {
        return open(dataDir, MAX_ENTRIES);
    }

    /** With another bound, for tests. */
    static HandledRequests open(Path dataDir, int maxEntries) throws IOException {
        HandledRequests requests = new HandledRequests(dataDir.resolve("handled-requests"),
                maxEntries);
        if (Files.exists(requests.file)) {
            for (String line : Files.readAllLines(requests.file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                try {
                    requests.handled.put(SnapshotId.parse(parts[0]), Instant.parse(parts[1]));
                } catch (RuntimeException e) {
                    throw new IOException("Cannot read " + requests.file + ": a line is not"
                            + " '<request id> <expires at>'; delete the file to start afresh"
                            + " (expired requests stay refused by their expiry)", e);
                }
            }
        }
        return requests;
    }

    boolean contains(SnapshotId requestId) {
        return handled.containsKey(requestId);
    }

    /** Records the request durably; drops expired entries and keeps the bound. */
    void add(SnapshotId requestId, Instant expiresAt, Instant now) throws IOException {
        handled.put(requestId, expiresAt);
        handled.values().removeIf(expiry -> !expiry.isAfter(now));
        if (handled.size() > maxEntries) {
            List<Map.Entry<SnapshotId, Instant>> entries = new ArrayList<>(handled.entrySet());
            entries.sort(Map.Entry.comparingByValue(Comparator.naturalOrder()));
            for (int i = 0; i < entries.size() - maxEntries; i++) {
                handled.remove(entries.get(i).getKey());
            }
        }
        StringBuilder text = new StringBuilder();
        handled.forEach((id, expiry) -> text.append(id).append(' ').append(expiry).append('\n'));
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        DurableFiles.fsync(temporary);
        DurableFiles.atomicMove(temporary, file);
    }

    int size() {
        return handled.size();
    }
}
