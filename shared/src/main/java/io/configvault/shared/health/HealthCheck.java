package io.configvault.shared.health;

/**
 * Probes one dependency of a service (a broker, a bucket, a database) and says whether it can be
 * used now. May block (a network round trip); {@link CachedCheck} bounds how long a caller waits.
 * An implementation answers a {@link CheckResult} for every failure it expects; anything it
 * throws is reported as DOWN with the exception's class and message.
 */
@FunctionalInterface
public interface HealthCheck {

    CheckResult run() throws Exception;
}
