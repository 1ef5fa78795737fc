package io.configvault.vault.catalog;

import java.util.Objects;

/**
 * How far the vault's ingest has durably got on one partition of the snapshot topic: the next
 * offset to read. It is recorded in the same transaction as the catalog row of the snapshot whose
 * last segment was just before it, so that a vault that crashes after the row and before the
 * Kafka commit does not read (and download, decrypt, verify) that snapshot again.
 *
 * @param nextOffset what the ingest loop would commit after that record: never past the first
 *                   segment of a snapshot still being reassembled on the partition
 */
public record ConsumedPosition(String topic, int partition, long nextOffset) {

    public ConsumedPosition {
        Objects.requireNonNull(topic, "topic");
        if (topic.isBlank() || partition < 0 || nextOffset < 0) {
            throw new IllegalArgumentException("Cannot record consumed position " + topic + "-"
                    + partition + "@" + nextOffset + ": topic, partition and offset must be set");
        }
    }
}
