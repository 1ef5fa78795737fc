/**
 * Ingest: the Kafka consumer loop ({@link io.configvault.vault.ingest.KafkaIngestLoop}, the only
 * class here that imports the Kafka client), reassembly of segments into spool files, and the
 * per-snapshot pipeline verify → encrypt at rest → create-only PUT → catalog row, after which the
 * loop commits the offset. Permanent failures go to the quarantine; transient ones pause.
 */
package io.configvault.vault.ingest;
