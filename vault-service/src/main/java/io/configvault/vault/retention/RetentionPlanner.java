package io.configvault.vault.retention;

import io.configvault.vault.config.RetentionSettings;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * Decides, for one appliance, which snapshots a pass keeps (and by which rules) and which it
 * deletes. Pure: no I/O, the time is a parameter. The semantics, precisely (docs/retention.md
 * has them with worked examples):
 *
 * <ol>
 * <li>Order: newest first by capture time, then higher sequence, then higher id.</li>
 * <li>No policy: everything is kept ({@code no-policy}).</li>
 * <li>Clock guard: when a snapshot was stored more than {@code max-clock-skew} after
 *     {@code now} (the vault's clock is behind) or the newest was captured more than that after
 *     {@code now} (the appliance's clock is ahead), everything is kept ({@code clock-guard}) with
 *     a warning.</li>
 * <li>Rules over a set S of snapshots. Calendar periods are counted in the policy's zone, else
 *     each snapshot's own zone (an unknown zone counts as UTC), on local wall-clock time: hour
 *     {@code 2026-11-21T14}, day {@code 2026-11-21}, ISO week {@code 2026-W47} (Monday first,
 *     week-based year), month {@code 2026-11}, year {@code 2026}. The reference time of every
 *     {@code keep-within*} rule is the capture time of the newest snapshot in S.
 *     <ul>
 *     <li>{@code keep-last N}: the first N of S.</li>
 *     <li>{@code keep-<period> N}: walking S newest first, a snapshot whose period differs from
 *         the period of the snapshot this rule kept last is kept, while fewer than N are kept:
 *         the newest snapshot of each of the last N periods that have a snapshot.</li>
 *     <li>{@code keep-within D}: every snapshot captured at or after reference minus D (calendar
 *         parts in the reference snapshot's zone).</li>
 *     <li>{@code keep-within-<period> D}: the newest snapshot of each period among the snapshots
 *         captured at or after reference minus D.</li>
 *     <li>{@code triggers.T.*}: the same rules over the snapshots of S with trigger T (reference
 *         time still the newest of S).</li>
 *     <li>{@code floor.newest-verified}: the first {@code floor-newest-verified} snapshots of S
 *         that are {@link Candidate#verified()}.</li>
 *     </ul></li>
 * <li>Burst guard: a snapshot is part of a burst when some window of {@code burst-window} (by
 *     stored time, start inclusive, end exclusive) holds it and more than
 *     {@code burst-max-snapshots} snapshots. When there is a burst, step 4 runs over all
 *     snapshots and again over the snapshots outside every burst; a snapshot the second run
 *     keeps gets that rule's reason with the suffix {@code " (burst guard)"} (unless the first
 *     run kept it by the same rule). A burst cannot push out what the rules would keep without
 *     it.</li>
 * <li>Always kept, whatever the policy: stored less than {@code floor-min-age} before
 *     {@code now} ({@code floor.min-age}); held ({@code hold}); locked with retain-until after
 *     {@code now} ({@code object-lock}).</li>
 * <li>Everything else is deleted. Reasons are listed in the order of the rules above.</li>
 * </ol>
 */
public final class RetentionPlanner {

    private final RetentionSettings settings;

    public RetentionPlanner(RetentionSettings settings) {
        this.settings = settings;
    }

    /**
     * @param policy    the policy that applies to the appliance (the most specific one), or null
     * @param snapshots the appliance's live snapshots, in any order
     * @param now       the vault's clock
     */
    public AppliancePlan plan(String applianceId, @Nullable StoredPolicy policy,
                              List<Candidate> snapshots, Instant now) {
        throw new UnsupportedOperationException("planner not built yet");
    }
}
