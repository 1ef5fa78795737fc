package io.configvault.vault.fleet;

import io.configvault.vault.catalog.ApplianceError;
import io.configvault.vault.catalog.Verification;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * An appliance's status, by these rules in this order (the first that holds wins):
 * <ol>
 *   <li>{@link #NEVER}: enrolled, and no snapshot or heartbeat of it was ever ingested;</li>
 *   <li>{@link #FAILING}: an event of it was refused within the stale window, or the latest
 *       restore drill of its newest snapshot failed;</li>
 *   <li>{@link #STALE}: its last snapshot or heartbeat is older than the stale window;</li>
 *   <li>{@link #HEALTHY}: otherwise.</li>
 * </ol>
 * Failing comes before stale: an appliance that keeps sending refused events is alive but broken,
 * which is what an operator must see. The window is measured on the vault's clock.
 */
public enum ApplianceStatus {
    NEVER, FAILING, STALE, HEALTHY;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status of this wire name, if it is one. */
    public static Optional<ApplianceStatus> fromWire(String value) {
        for (ApplianceStatus status : values()) {
            if (status.wireName().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /**
     * @param lastSeen    its last snapshot or heartbeat (signed time), null when none
     * @param lastError   its last refused event, null when none
     * @param newestDrill the latest restore drill of its newest snapshot, null when none
     */
    public static ApplianceStatus of(@Nullable Instant lastSeen, @Nullable ApplianceError lastError,
                                     @Nullable Verification newestDrill, Instant now,
                                     Duration staleAfter) {
        if (lastSeen == null) {
            return NEVER;
        }
        Instant windowStart = now.minus(staleAfter);
        boolean recentError = lastError != null && !lastError.at().isBefore(windowStart);
        if (recentError || newestDrill != null && !newestDrill.ok()) {
            return FAILING;
        }
        return lastSeen.isBefore(windowStart) ? STALE : HEALTHY;
    }
}
