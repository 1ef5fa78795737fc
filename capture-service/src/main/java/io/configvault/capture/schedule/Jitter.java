package io.configvault.capture.schedule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/**
 * The appliance's stable offset inside the jitter window, so that a fleet on the same schedule
 * spreads its runs over the window instead of hitting Kafka and the object store at once, while
 * each appliance keeps the same time every day:
 *
 * <pre>offset = (first 8 bytes of SHA-256(UTF-8 appliance id), as an unsigned big-endian
 *           integer) mod (window in whole seconds)   seconds</pre>
 *
 * A hash rather than {@code String.hashCode}: ids of one fleet tend to differ only in their last
 * characters ({@code nas-17}, {@code nas-18}), and SHA-256 spreads such neighbours uniformly.
 */
public final class Jitter {

    private Jitter() {
    }

    /** The offset of {@code applianceId} in {@code [0, window)}; zero when the window is. */
    public static Duration offset(String applianceId, Duration window) {
        long seconds = window.toSeconds();
        if (seconds <= 0) {
            return Duration.ZERO;
        }
        byte[] digest = sha256(applianceId.getBytes(StandardCharsets.UTF_8));
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (digest[i] & 0xff);
        }
        return Duration.ofSeconds(Long.remainderUnsigned(value, seconds));
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
