package io.configvault.vault.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Named points in the ingest's write ordering where a fault test kills the vault with SIGKILL
 * (QUALITY scenarios 9 and 10). Off unless the JVM is started with
 * {@code -Dconfigvault.fault.hold-at=<point>} and {@code -Dconfigvault.fault.marker=<file>}: the
 * ingest thread that reaches the point creates the marker file and then holds there until the
 * process is killed, so the test kills it at exactly that point. Points: {@link #AFTER_PUT} (the
 * object is in the bucket, no catalog row yet) and {@link #AFTER_ROW} (the row is committed, the
 * Kafka offset is not). Production configurations never set these properties.
 */
public final class FaultPoint {

    public static final String AFTER_PUT = "after-put";
    public static final String AFTER_ROW = "after-row";

    static final FaultPoint NONE = new FaultPoint(null, null);

    private final String holdAt;
    private final Path marker;

    FaultPoint(String holdAt, Path marker) {
        this.holdAt = holdAt;
        this.marker = marker;
    }

    /** From the system properties; {@link #NONE} when they are not set. */
    static FaultPoint fromSystemProperties() {
        String holdAt = System.getProperty("configvault.fault.hold-at");
        String marker = System.getProperty("configvault.fault.marker");
        if (holdAt == null || marker == null) {
            return NONE;
        }
        return new FaultPoint(holdAt, Path.of(marker));
    }

    /** Holds the calling thread for good when {@code point} is the configured one. */
    void reach(String point) {
        if (holdAt == null || !holdAt.equals(point)) {
            return;
        }
        try {
            Files.writeString(marker, point);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write fault marker " + marker, e);
        }
        while (true) {
            LockSupport.park(this);
        }
    }
}
