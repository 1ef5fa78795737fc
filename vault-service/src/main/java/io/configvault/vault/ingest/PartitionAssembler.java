package io.configvault.vault.ingest;

import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Reassembles the segments of one partition into spool files, one open snapshot per appliance
 * and snapshot id, within {@link ReassemblyLimits}. Segments must arrive in order; segment 0 of
 * an open snapshot restarts it (the agent republishes a whole snapshot after a crash). Only one
 * segment is in memory at a time. Once a snapshot is refused, the rest of its segments are
 * skipped without a further refusal (one quarantine record per snapshot, not per segment), until
 * its segment 0 arrives again. Not thread-safe: owned by the ingest loop's thread.
 */
final class PartitionAssembler {

    /** What a segment led to. */
    sealed interface Step {
        record Pending() implements Step {
        }

        /** A segment of a snapshot refused before: dropped, its refusal was reported once. */
        record Skipped() implements Step {
        }

        /** @param firstSeenNanos when its first segment was accepted (see {@link #since}) */
        record Complete(AssembledSnapshot snapshot, long firstSeenNanos) implements Step {
        }

        record Refused(String applianceId, SnapshotId snapshotId, RefusalCategory category,
                       String reason) implements Step {
        }
    }

    /** A snapshot that {@link #expire} dropped, with the offset of its first segment. */
    record Expired(Step.Refused refusal, long firstOffset) {
    }

    private record Key(String applianceId, SnapshotId snapshotId) {
    }

    private static final class Open {
        final Segment first;
        final long firstOffset;
        final long receivedAtNanos;
        final Path file;
        final OutputStream out;
        final MessageDigest digest = Sha256.newDigest();
        long written;
        int next;

        Open(Segment first, long firstOffset, long receivedAtNanos, Path file) throws IOException {
            this.first = first;
            this.firstOffset = firstOffset;
            this.receivedAtNanos = receivedAtNanos;
            this.file = file;
            this.out = Files.newOutputStream(file);
        }
    }

    private final Path spoolDir;
    private final String name;
    private final ReassemblyLimits limits;
    private final LongSupplier nanoTime;
    private final Map<Key, Open> open = new LinkedHashMap<>();
    /** Recently refused snapshots, oldest evicted first: bounded like the open ones. */
    private final Set<Key> refused;

    PartitionAssembler(Path spoolDir, String name, ReassemblyLimits limits,
                       LongSupplier nanoTime) {
        this.spoolDir = spoolDir;
        this.name = name;
        this.limits = limits;
        this.nanoTime = nanoTime;
        int remembered = Math.max(64, limits.maxOpen());
        this.refused = Collections.newSetFromMap(new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > remembered;
            }
        });
    }

    Step accept(Segment segment, long offset) throws IOException {
        Key key = new Key(segment.applianceId(), segment.snapshotId());
        if (segment.index() == 0) {
            discard(key);
            refused.remove(key);
            Step.Refused problem = firstSegmentProblem(segment);
            if (problem != null) {
                return refuse(key, problem);
            }
            open.put(key, new Open(segment, offset, nanoTime.getAsLong(),
                    spoolDir.resolve(name + "-" + segment.snapshotId() + ".sealed")));
        }
        Open snapshot = open.get(key);
        if (snapshot == null) {
            if (refused.contains(key)) {
                return new Step.Skipped();
            }
            return refuse(key, refused(segment, RefusalCategory.MALFORMED, "segment "
                    + segment.index() + " of a snapshot whose first segment never arrived"));
        }
        Step.Refused problem = continuationProblem(snapshot, segment);
        if (problem != null) {
            discard(key);
            return refuse(key, problem);
        }
        snapshot.out.write(segment.payload());
        snapshot.digest.update(segment.payload());
        snapshot.written += segment.payload().length;
        snapshot.next++;
        if (!segment.isLast()) {
            return new Step.Pending();
        }
        snapshot.out.close();
        open.remove(key);
        String digest = Sha256.hex(snapshot.digest);
        if (snapshot.written != segment.sealedBytes() || !digest.equals(segment.sealedSha256())) {
            Files.deleteIfExists(snapshot.file);
            return refuse(key, refused(segment, RefusalCategory.INTEGRITY, "reassembled snapshot"
                    + " does not match its announced length and SHA-256 (truncated or altered"
                    + " segments)"));
        }
        return new Step.Complete(new AssembledSnapshot(segment.applianceId(),
                segment.snapshotId(), snapshot.file, snapshot.written, digest),
                snapshot.receivedAtNanos);
    }

    /**
     * Drops every snapshot that has been open for the reassembly timeout or longer, counted from
     * when its first segment was accepted. The caller decides when segments have stopped
     * arriving (the partition read to its end) and calls this only then.
     */
    List<Expired> expire() {
        long now = nanoTime.getAsLong();
        List<Expired> expired = new ArrayList<>();
        for (Map.Entry<Key, Open> entry : List.copyOf(open.entrySet())) {
            Open snapshot = entry.getValue();
            if (now - snapshot.receivedAtNanos < limits.timeout().toNanos()) {
                continue;
            }
            discard(entry.getKey());
            Step.Refused refusal = refuse(entry.getKey(), refused(snapshot.first,
                    RefusalCategory.TIMEOUT, "snapshot incomplete after the reassembly timeout of "
                            + describe(limits.timeout()) + ": " + snapshot.next + " of "
                            + snapshot.first.count() + " segments arrived (setting"
                            + " vault.ingest.reassembly-timeout)"));
            expired.add(new Expired(refusal, snapshot.firstOffset));
        }
        return expired;
    }

    /** How long ago {@code nanos} (a reading of this assembler's clock) was. */
    Duration since(long nanos) {
        return Duration.ofNanos(nanoTime.getAsLong() - nanos);
    }

    /** Offset of the first segment of the oldest open snapshot: commits must not pass it. */
    OptionalLong earliestOpenOffset() {
        return open.values().stream().mapToLong(o -> o.firstOffset).min();
    }

    /** Drops every open snapshot and its spool file (rebalance, retry from the last commit). */
    void clear() {
        for (Key key : List.copyOf(open.keySet())) {
            discard(key);
        }
    }

    private Step.Refused firstSegmentProblem(Segment segment) {
        if (segment.sealedBytes() > limits.maxSnapshotBytes()) {
            return refused(segment, RefusalCategory.LIMITS, "snapshot of "
                    + segment.sealedBytes() + " bytes exceeds the limit of "
                    + limits.maxSnapshotBytes() + " (setting vault.max-snapshot-bytes)");
        }
        long minimumCount = (segment.sealedBytes() + SegmentCodec.MAX_SEGMENT_BYTES - 1)
                / SegmentCodec.MAX_SEGMENT_BYTES;
        if (segment.count() < minimumCount || segment.count() > segment.sealedBytes()) {
            return refused(segment, RefusalCategory.MALFORMED, "segment count "
                    + segment.count() + " cannot carry " + segment.sealedBytes() + " bytes");
        }
        if (segment.count() > limits.maxSegments()) {
            return refused(segment, RefusalCategory.LIMITS, "snapshot of " + segment.count()
                    + " segments exceeds the limit of " + limits.maxSegments()
                    + " (setting vault.ingest.max-segments-per-snapshot)");
        }
        if (open.size() >= limits.maxOpen()) {
            return refused(segment, RefusalCategory.LIMITS, "more than " + limits.maxOpen()
                    + " snapshots open at once on this partition (setting"
                    + " vault.ingest.max-open-snapshots-per-partition)");
        }
        return null;
    }

    private static Step.Refused continuationProblem(Open snapshot, Segment segment) {
        if (segment.index() != snapshot.next) {
            return refused(segment, RefusalCategory.MALFORMED, "segment " + segment.index()
                    + " arrived where segment " + snapshot.next + " was expected (missing,"
                    + " duplicated or reordered segments)");
        }
        if (segment.count() != snapshot.first.count()
                || segment.sealedBytes() != snapshot.first.sealedBytes()
                || !segment.sealedSha256().equals(snapshot.first.sealedSha256())) {
            return refused(segment, RefusalCategory.MALFORMED, "segment " + segment.index()
                    + " announces another snapshot size or digest than segment 0");
        }
        if (snapshot.written + segment.payload().length > segment.sealedBytes()) {
            return refused(segment, RefusalCategory.MALFORMED,
                    "segments carry more bytes than announced");
        }
        return null;
    }

    private static Step.Refused refused(Segment segment, RefusalCategory category,
                                        String reason) {
        return new Step.Refused(segment.applianceId(), segment.snapshotId(), category, reason);
    }

    private Step.Refused refuse(Key key, Step.Refused refusal) {
        refused.add(key);
        return refusal;
    }

    private void discard(Key key) {
        Open snapshot = open.remove(key);
        if (snapshot == null) {
            return;
        }
        try {
            snapshot.out.close();
            Files.deleteIfExists(snapshot.file);
        } catch (IOException e) {
            // The spool directory is cleaned at startup; a leftover file is harmless.
        }
    }

    private static String describe(Duration timeout) {
        if (timeout.toMillisPart() != 0) {
            return timeout.toMillis() + " ms";
        }
        return timeout.toSecondsPart() == 0 ? timeout.toMinutes() + " min"
                : timeout.toSeconds() + " s";
    }
}
