package io.configvault.vault.ingest;

import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;

/** The ingest's one way to commit offsets: a failed commit is transient, a wakeup stops. */
final class OffsetCommits {

    private OffsetCommits() {
    }

    /**
     * Commits {@code offsets} (nothing when empty) in one request.
     *
     * @throws TransientIngestException when the broker refuses or cannot be reached
     */
    static void commit(Consumer<?, ?> consumer, Map<TopicPartition, OffsetAndMetadata> offsets)
            throws TransientIngestException {
        if (offsets.isEmpty()) {
            return;
        }
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            throw new TransientIngestException("Cannot commit offsets " + offsets + ": "
                    + e.getMessage(), e);
        }
    }
}
