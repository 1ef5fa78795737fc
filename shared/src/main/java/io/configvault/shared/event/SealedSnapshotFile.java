package io.configvault.shared.event;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A sealed snapshot on disk, cut into segments on demand: only one segment is in memory at a
 * time, whatever the snapshot's size. A sealed heartbeat ({@link #heartbeat}) is one segment.
 */
public final class SealedSnapshotFile {

    /** Default segment payload: half of Kafka's default 1 MiB record limit, leaving headroom. */
    public static final int DEFAULT_SEGMENT_BYTES = 512 * 1024;

    private final Path file;
    private final String applianceId;
    private final SnapshotId snapshotId;
    private final int segmentBytes;
    private final long size;
    private final String sha256;
    private final EventKind kind;

    private SealedSnapshotFile(Path file, String applianceId, SnapshotId snapshotId,
                               int segmentBytes, long size, String sha256, EventKind kind) {
        this.file = file;
        this.applianceId = applianceId;
        this.snapshotId = snapshotId;
        this.segmentBytes = segmentBytes;
        this.size = size;
        this.sha256 = sha256;
        this.kind = kind;
    }

    /** Reads the file once to learn its size and digest. */
    public static SealedSnapshotFile of(Path file, String applianceId, SnapshotId snapshotId,
                                        int segmentBytes) throws IOException {
        if (segmentBytes < 1 || segmentBytes > SegmentCodec.MAX_SEGMENT_BYTES) {
            throw new IllegalArgumentException("Segment size must be 1.."
                    + SegmentCodec.MAX_SEGMENT_BYTES + " bytes");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException("Cannot publish snapshot " + snapshotId + ": sealed file is empty");
        }
        return new SealedSnapshotFile(file, applianceId, snapshotId, segmentBytes, size,
                Sha256.of(file), EventKind.SNAPSHOT);
    }

    /**
     * A sealed heartbeat: published as one segment, so it may not be larger than
     * {@link SegmentCodec#MAX_HEARTBEAT_BYTES}. Reads the file once.
     */
    public static SealedSnapshotFile heartbeat(Path file, String applianceId,
                                               SnapshotId heartbeatId) throws IOException {
        long size = Files.size(file);
        if (size == 0 || size > SegmentCodec.MAX_HEARTBEAT_BYTES) {
            throw new IOException("Cannot publish heartbeat " + heartbeatId + ": its sealed file"
                    + " has " + size + " bytes, not 1 to " + SegmentCodec.MAX_HEARTBEAT_BYTES);
        }
        return new SealedSnapshotFile(file, applianceId, heartbeatId, (int) size, size,
                Sha256.of(file), EventKind.HEARTBEAT);
    }

    public EventKind kind() {
        return kind;
    }

    public int segmentCount() {
        return (int) ((size + segmentBytes - 1) / segmentBytes);
    }

    public long size() {
        return size;
    }

    public String sha256() {
        return sha256;
    }

    /** Reads segment {@code index} from disk. */
    public Segment segment(int index) throws IOException {
        long offset = (long) index * segmentBytes;
        int length = (int) Math.min(segmentBytes, size - offset);
        ByteBuffer buffer = ByteBuffer.allocate(length);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) {
                    throw new IOException("Cannot read segment " + index + " of snapshot "
                            + snapshotId + ": the sealed file shrank");
                }
            }
        }
        return new Segment(applianceId, snapshotId, index, segmentCount(), size, sha256,
                buffer.array(), kind);
    }
}
