/**
 * The vault's health indicators on {@code GET /health}, {@code /health/liveness} and
 * {@code /health/readiness} (Micronaut management). Readiness: {@code s3} (the bucket answers),
 * {@code catalog} (the catalog answers and can be written) and {@code kafka} (in
 * {@code vault.kafka}, which owns the Kafka clients). Liveness, only what a restart repairs:
 * {@code catalogFile} (the catalog file is still the one opened) and {@code ingest} (in
 * {@code vault.ingest}: the ingest loop runs). Dependency probes run behind a
 * {@link io.configvault.shared.health.CachedCheck}. Depends on the store and catalog ports only.
 */
package io.configvault.vault.health;
