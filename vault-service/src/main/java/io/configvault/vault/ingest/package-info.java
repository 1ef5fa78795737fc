/**
 * Ingest: the Kafka consumer loop ({@link io.configvault.vault.ingest.KafkaIngestLoop}, the only
 * class here that imports the Kafka client: poll, commit, pause and resume, seek on assignment),
 * each partition's records without Kafka ({@link io.configvault.vault.ingest.PartitionIngest}),
 * reassembly of segments into spool files within the {@code vault.ingest.*} limits, and the
 * per-snapshot pipeline verify → encrypt at rest → create-only PUT (a 412 checked by content,
 * {@link io.configvault.vault.ingest.ExistingObjects}) → catalog row and the partition's consumed
 * position in one transaction, after which the loop commits the offset. Heartbeats
 * ({@link io.configvault.vault.ingest.HeartbeatIngestor}) are verified the same way but only
 * update the appliance's last sign of life; nothing is stored. Permanent failures go to the
 * quarantine with a {@link io.configvault.vault.ingest.RefusalCategory}; transient ones pause.
 * Meters: {@link io.configvault.vault.ingest.IngestMetrics}. The loop's assignment also tells
 * retention which appliances this instance owns
 * ({@link io.configvault.vault.ingest.KafkaOwnership}: Kafka's default partitioner over the
 * appliance id). Depends on the catalog, the store, the keys,
 * the retriever and retention's {@code Ownership} port, never on the API.
 */
package io.configvault.vault.ingest;
