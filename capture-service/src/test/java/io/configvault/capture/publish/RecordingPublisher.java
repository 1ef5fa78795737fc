package io.configvault.capture.publish;

import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.Segment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** A bus in memory: keeps every segment it was given; can be told to fail. */
final class RecordingPublisher implements SnapshotPublisher {

    final List<Segment> segments = new ArrayList<>();
    int attempts;
    boolean failing;

    @Override
    public void publish(SealedSnapshotFile snapshot) throws PublishException {
        attempts++;
        if (failing) {
            throw new PublishException("broker unreachable (injected)", null);
        }
        try {
            for (int i = 0; i < snapshot.segmentCount(); i++) {
                segments.add(snapshot.segment(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
    }
}
