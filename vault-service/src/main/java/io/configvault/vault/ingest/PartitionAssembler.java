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
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reassembles the segments of one partition into spool files, one open snapshot per appliance
 * and snapshot id. Segments must arrive in order; segment 0 of an open snapshot restarts it (the
 * agent republishes a whole snapshot after a crash). Only one segment is in memory at a time.
 * Not thread-safe: owned by the ingest loop's thread.
 */
final class PartitionAssembler {

    /** What a segment led to. */
    sealed interface Step {
        record Pending() implements Step {
        }

        record Complete(AssembledSnapshot snapshot) implements Step {
        }

        record Refused(String applianceId, SnapshotId snapshotId, String reason) implements Step {
        }
    }

    private record Key(String applianceId, SnapshotId snapshotId) {
    }

    private static final class Open {
        final Segment first;
        final long firstOffset;
        final Path file;
        final OutputStream out;
        final MessageDigest digest = Sha256.newDigest();
        long written;
        int next;

        Open(Segment first, long firstOffset, Path file) throws IOException {
            this.first = first;
            this.firstOffset = firstOffset;
            this.file = file;
            this.out = Files.newOutputStream(file);
        }
    }

    private final Path spoolDir;
    private final String name;
    private final long maxSealedBytes;
    private final int maxOpen;
    private final Map<Key, Open> open = new HashMap<>();

    PartitionAssembler(Path spoolDir, String name, long maxSealedBytes, int maxOpen) {
        this.spoolDir = spoolDir;
        this.name = name;
        this.maxSealedBytes = maxSealedBytes;
        this.maxOpen = maxOpen;
    }

    Step accept(Segment segment, long offset) throws IOException {
        Key key = new Key(segment.applianceId(), segment.snapshotId());
        if (segment.index() == 0) {
            discard(key);
            String problem = firstSegmentProblem(segment);
            if (problem != null) {
                return refused(segment, problem);
            }
            open.put(key, new Open(segment, offset,
                    spoolDir.resolve(name + "-" + segment.snapshotId() + ".sealed")));
        }
        Open snapshot = open.get(key);
        if (snapshot == null) {
            return refused(segment, "segment " + segment.index() + " of a snapshot whose first"
                    + " segment never arrived");
        }
        String problem = continuationProblem(snapshot, segment);
        if (problem != null) {
            discard(key);
            return refused(segment, problem);
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
            return refused(segment, "reassembled snapshot does not match its announced length"
                    + " and SHA-256 (truncated or altered segments)");
        }
        return new Step.Complete(new AssembledSnapshot(segment.applianceId(),
                segment.snapshotId(), snapshot.file, snapshot.written, digest));
    }

    /** Offset of the first segment of the oldest open snapshot: commits must not pass it. */
    OptionalLong earliestOpenOffset() {
        return open.values().stream().mapToLong(o -> o.firstOffset).min();
    }

    /** Drops every open snapshot and its spool file (rebalance, retry from the last commit). */
    void clear() {
        for (Key key : Map.copyOf(open).keySet()) {
            discard(key);
        }
    }

    private String firstSegmentProblem(Segment segment) {
        if (segment.sealedBytes() > maxSealedBytes) {
            return "snapshot of " + segment.sealedBytes() + " bytes exceeds the limit of "
                    + maxSealedBytes;
        }
        long minimumCount = (segment.sealedBytes() + SegmentCodec.MAX_SEGMENT_BYTES - 1)
                / SegmentCodec.MAX_SEGMENT_BYTES;
        if (segment.count() < minimumCount || segment.count() > segment.sealedBytes()) {
            return "segment count " + segment.count() + " cannot carry "
                    + segment.sealedBytes() + " bytes";
        }
        if (open.size() >= maxOpen) {
            return "more than " + maxOpen + " snapshots open at once on this partition";
        }
        return null;
    }

    private static String continuationProblem(Open snapshot, Segment segment) {
        if (segment.index() != snapshot.next) {
            return "segment " + segment.index() + " arrived where segment " + snapshot.next
                    + " was expected (missing, duplicated or reordered segments)";
        }
        if (segment.count() != snapshot.first.count()
                || segment.sealedBytes() != snapshot.first.sealedBytes()
                || !segment.sealedSha256().equals(snapshot.first.sealedSha256())) {
            return "segment " + segment.index() + " announces another snapshot size or digest"
                    + " than segment 0";
        }
        if (snapshot.written + segment.payload().length > segment.sealedBytes()) {
            return "segments carry more bytes than announced";
        }
        return null;
    }

    private Step refused(Segment segment, String reason) {
        return new Step.Refused(segment.applianceId(), segment.snapshotId(), reason);
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
}
