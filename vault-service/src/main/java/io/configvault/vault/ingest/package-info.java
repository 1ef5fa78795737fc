/**
 * Ingest: the Kafka consumer loop ({@link io.configvault.vault.ingest.KafkaIngestLoop}, the only
 * class here that imports the Kafka client), reassembly of segments into spool files, and the
 * per-snapshot pipeline verify → encrypt at rest → create-only PUT → catalog row, after which the
 * loop commits the offset. Heartbeats ({@link io.configvault.vault.ingest.HeartbeatIngestor}) are
 * verified the same way but only update the appliance's last sign of life; nothing is stored.
 * Permanent failures go to the quarantine; transient ones pause.
 */
package io.configvault.vault.ingest;
