/**
 * Health checks of the services' dependencies (Kafka, S3, catalog, outbox), shared by both
 * services: a {@link io.configvault.shared.health.HealthCheck} probes one dependency and answers a
 * {@link io.configvault.shared.health.CheckResult}; a
 * {@link io.configvault.shared.health.CachedCheck} in front of it keeps health endpoints fast (a
 * bounded answer time) and the dependency unbothered (a recent answer is reused). The services
 * adapt them to their health endpoints. JDK only.
 */
package io.configvault.shared.health;
