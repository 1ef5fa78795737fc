package io.configvault.vault.api;

import io.configvault.vault.config.ApiSettings;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A token bucket per API token: {@code download-burst} calls back to back, refilled at
 * {@code downloads-per-minute}. One entry per token that ever downloaded (tokens are few).
 * Thread-safe; time from the injected clock.
 */
@Singleton
final class DownloadAllowance {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final Clock clock;
    private final double burst;
    private final double perNano;
    private final Map<String, Bucket> buckets = new HashMap<>();

    DownloadAllowance(ApiSettings settings, Clock clock) {
        this.clock = clock;
        this.burst = settings.downloadBurst();
        this.perNano = settings.downloadsPerMinute() / (double) NANOS_PER_MINUTE;
    }

    private static final class Bucket {
        double tokens;
        long atNanos;
    }

    /**
     * Takes one call from the token's allowance.
     *
     * @return empty when allowed, else the whole seconds to wait before the next call is
     */
    synchronized OptionalLong take(String tokenId) {
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(tokenId, id -> {
            Bucket fresh = new Bucket();
            fresh.tokens = burst;
            fresh.atNanos = now;
            return fresh;
        });
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.atNanos) * perNano);
        bucket.atNanos = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return OptionalLong.empty();
        }
        double waitNanos = (1 - bucket.tokens) / perNano;
        return OptionalLong.of(Math.max(1, (long) Math.ceil(waitNanos / 1e9)));
    }

    private long nanos() {
        var instant = clock.instant();
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }
}
