package io.configvault.capture.publish;

import io.configvault.shared.event.SealedSnapshotFile;

/**
 * Sends a sealed snapshot to the bus as its ordered segments, keyed by appliance id.
 *
 * <p>Contract: {@link #publish} returns only when every segment has been durably acknowledged
 * (for Kafka: by all in-sync replicas). When it throws, the outcome is unknown: some or all
 * segments may have been written. The caller then publishes the same snapshot again, whole;
 * consumers tolerate repeated segments of a snapshot id (at-least-once delivery, exactly-once
 * effect through the snapshot id). Called from one thread at a time.
 */
public interface SnapshotPublisher extends AutoCloseable {

    /**
     * @throws PublishException     when not every segment was acknowledged (retriable)
     * @throws InterruptedException when the agent shuts down while waiting for acknowledgements
     */
    void publish(SealedSnapshotFile snapshot) throws PublishException, InterruptedException;

    @Override
    void close();
}
