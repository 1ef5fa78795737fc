package io.configvault.vault.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The pass's clock guard (QUALITY 22): a vault whose clock is behind the newest stored snapshot,
 * or behind the start of the previous pass, by more than {@code maxSkew} does not trust its
 * clock, and a pass that does not trust its clock deletes nothing.
 */
record PassClockGuard(Duration maxSkew) {

    /** Why a pass at {@code now} must not delete, or empty when it may. */
    Optional<String> refusal(Instant now, Optional<Instant> newestStoredAt,
                             Optional<Instant> lastPassAt) {
        if (newestStoredAt.isPresent() && now.isBefore(newestStoredAt.get().minus(maxSkew))) {
            return Optional.of("the vault's clock (" + now + ") is behind the newest stored"
                    + " snapshot (stored at " + newestStoredAt.get() + ") by more than"
                    + " vault.retention.max-clock-skew (" + maxSkew + "); nothing is deleted"
                    + " until the clock is right again (check the vault host's time sync)");
        }
        if (lastPassAt.isPresent() && now.isBefore(lastPassAt.get().minus(maxSkew))) {
            return Optional.of("the vault's clock (" + now + ") is behind the start of the"
                    + " previous retention pass (" + lastPassAt.get() + ") by more than"
                    + " vault.retention.max-clock-skew (" + maxSkew + "): it moved backwards;"
                    + " nothing is deleted until the clock passes that time again (check the"
                    + " vault host's time sync)");
        }
        return Optional.empty();
    }
}
