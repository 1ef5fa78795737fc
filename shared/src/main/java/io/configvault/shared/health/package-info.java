/**
 * Health checks of the services' dependencies (Kafka, S3, catalog, outbox), shared by both
 * services: a {@link io.configvault.shared.health.HealthCheck} probes one dependency and answers a
 * {@link io.configvault.shared.health.CheckResult}; a
 * {@link io.configvault.shared.health.CachedCheck} in front of it keeps health endpoints fast (a
 * bounded answer time) and the dependency unbothered (a recent answer is reused);
 * {@link io.configvault.shared.health.CheckIndicator} makes one a Micronaut health indicator
 * (micronaut-management is {@code provided}: the services bring it).
 */
package io.configvault.shared.health;
