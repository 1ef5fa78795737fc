package io.configvault.vault.retention;

import io.micronaut.core.annotation.Nullable;

/**
 * Why a snapshot is kept: the rule and, for calendar rules, the period it is the newest of.
 *
 * @param rule   {@code keep-last}, {@code keep-daily}, {@code keep-within},
 *               {@code triggers.MANUAL.keep-within}, {@code hold}, {@code floor.newest-verified},
 *               {@code floor.min-age}, {@code object-lock}, {@code clock-guard},
 *               {@code no-policy}; a rule that keeps a snapshot only when a burst is left out
 *               carries the suffix {@code (burst guard)}
 * @param period the calendar period (e.g. {@code 2026-11-21}, {@code 2026-W47}), or null
 */
public record Reason(String rule, @Nullable String period) {

    public static Reason of(String rule) {
        return new Reason(rule, null);
    }

    @Override
    public String toString() {
        return period == null ? rule : rule + " " + period;
    }
}
