/**
 * The vault: consumes sealed snapshot events from Kafka, verifies them, encrypts them at rest,
 * stores them create-only in S3-compatible storage, keeps the catalog and serves the operator API.
 *
 * <p>Sub-packages follow the capability or external system: {@code ingest} (Kafka consumer and the
 * per-snapshot pipeline), {@code store} (BlobStore, S3), {@code catalog} (Catalog, SQLite),
 * {@code keys} (OpenPGP key ring), {@code api} (HTTP), {@code config} (settings).
 */
package io.configvault.vault;
