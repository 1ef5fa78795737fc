package io.configvault.vault.ingest;

import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.RetentionSettings;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.retention.Policies;
import io.configvault.vault.retention.RetentionDuration;
import io.configvault.vault.retention.RetentionPolicy;
import io.configvault.vault.retention.StoredPolicy;
import io.configvault.vault.store.ObjectLockRequest;
import io.micronaut.core.annotation.Nullable;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * The Object Lock a new snapshot's object is written with when {@code vault.s3.object-lock} is
 * {@code required}: mode {@code vault.retention.lock-mode}, retain-until the time the vault stores
 * it plus the longest of what its appliance's effective policy guarantees for its trigger
 * ({@link RetentionPolicy#guaranteedLifetimes}: the keep-within rules) and
 * {@code vault.retention.floor-min-age}. Calendar parts are counted in the policy's zone, else the
 * snapshot's own; the result is rounded up to a whole second (all S3 keeps). Counting from the
 * vault's storing time, on the vault's clock, keeps an appliance's wrong clock out of it. A
 * snapshot the rule gives no time at all (no keep-within and a zero floor) is written without a
 * lock. The lock is fixed at the write: a later policy change neither shortens nor extends it.
 * Thread-safe when the lookup is.
 */
final class LockTerms {

    /** Object Lock off: objects are written without a lock. */
    static final LockTerms NONE = new LockTerms(null, Duration.ZERO, scope -> Optional.empty());

    private final @Nullable ObjectLockRequest.Mode mode;
    private final Duration floorMinAge;
    private final Policies.Lookup<CatalogException> policies;

    /**
     * @param mode     the lock's mode, or null for no lock at all
     * @param policies where the appliance's effective policy is looked up
     */
    LockTerms(@Nullable ObjectLockRequest.Mode mode, Duration floorMinAge,
              Policies.Lookup<CatalogException> policies) {
        this.mode = mode;
        this.floorMinAge = floorMinAge;
        this.policies = policies;
    }

    /** From the settings: {@link #NONE} unless {@code vault.s3.object-lock=required}. */
    static LockTerms of(S3Settings s3, RetentionSettings retention,
                        Policies.Lookup<CatalogException> policies) {
        return s3.objectLockRequired()
                ? new LockTerms(ObjectLockRequest.Mode.parse(retention.lockMode()),
                        retention.floorMinAge(), policies)
                : NONE;
    }

    /**
     * The row with the lock its object is to be written with (retain-until counted from its
     * {@code storedAt}), or the row as it is when there is no lock.
     *
     * @throws CatalogException when the policy cannot be read (transient for the ingest)
     */
    SnapshotRecord apply(SnapshotRecord attempted) throws CatalogException {
        if (mode == null) {
            return attempted;
        }
        RetentionPolicy policy = Policies.effective(policies, attempted.applianceId(),
                attempted.fleet()).map(StoredPolicy::policy).orElse(null);
        Instant until = retainUntil(policy, attempted.trigger(), zone(attempted.timeZone()),
                attempted.storedAt(), floorMinAge);
        return until.isAfter(attempted.storedAt()) ? attempted.withLock(until, mode.name())
                : attempted;
    }

    /** The lock a row records, for the write, or null. */
    static @Nullable ObjectLockRequest request(SnapshotRecord record) {
        return record.retainUntil() == null ? null : new ObjectLockRequest(
                ObjectLockRequest.Mode.parse(record.lockMode()), record.retainUntil());
    }

    /**
     * {@code storedAt} plus the longest of the policy's guaranteed lifetimes for the trigger and
     * the floor, rounded up to a whole second; {@code storedAt} itself when there is neither.
     *
     * @param policy       the effective policy, or null when none applies
     * @param snapshotZone the snapshot's zone, used when the policy names none
     */
    static Instant retainUntil(@Nullable RetentionPolicy policy, Trigger trigger,
                               ZoneId snapshotZone, Instant storedAt, Duration floorMinAge) {
        Instant until = storedAt.plus(floorMinAge);
        if (policy != null) {
            ZoneId zone = policy.timeZone() != null ? policy.timeZone() : snapshotZone;
            for (RetentionDuration lifetime : policy.guaranteedLifetimes(trigger)) {
                Instant end = lifetime.after(storedAt, zone);
                until = end.isAfter(until) ? end : until;
            }
        }
        Instant whole = until.truncatedTo(ChronoUnit.SECONDS);
        return whole.equals(until) || until.equals(storedAt) ? until : whole.plusSeconds(1);
    }

    /** The manifest's zone (validated at ingest); one this JDK does not know counts as UTC. */
    private static ZoneId zone(String timeZone) {
        try {
            return ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            return ZoneOffset.UTC;
        }
    }
}
