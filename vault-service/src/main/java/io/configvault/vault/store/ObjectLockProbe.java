package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * The Object Lock part of the startup self-test, run once the bucket's configuration says Object
 * Lock is enabled: a store may accept the lock headers and still not keep them (or not evaluate
 * them at all), which only a write and a read-back tell. Writes a probe with
 * {@link ObjectLockRequest.Mode#GOVERNANCE} retention for {@link #RETENTION} (the shortest that a
 * vault clock a little behind the store's still gets accepted, so that a probe the vault may not
 * remove is gone from the store's protection a minute later; governance, so that whoever holds
 * {@code s3:BypassGovernanceRetention} can remove it at once, which compliance would forbid) and
 * reads mode and retain-until back with HEAD, then turns a legal hold on and off, reading each
 * back. Failures are the self-test's: "Cannot start vault: S3 self-test failed: ..." naming the
 * capability and {@code vault.s3.object-lock=required}. Not thread-safe.
 */
final class ObjectLockProbe {

    static final Duration RETENTION = Duration.ofMinutes(1);
    private static final String SETTING = "vault.s3.object-lock=required";
    private static final String REMEDY = "; use a bucket on a store that supports Object Lock, or"
            + " set vault.s3.object-lock=off";

    private final StoreProbes store;
    private final String bucket;
    private final ObjectLockRequest retention;

    /** @param bucket "bucket 'name'", for messages */
    ObjectLockProbe(StoreProbes store, String bucket, Clock clock) {
        this.store = store;
        this.bucket = bucket;
        Instant until = clock.instant().plus(RETENTION).truncatedTo(ChronoUnit.SECONDS)
                .plusSeconds(1);
        this.retention = new ObjectLockRequest(ObjectLockRequest.Mode.GOVERNANCE, until);
    }

    /** The retention the probes are written with. */
    ObjectLockRequest retention() {
        return retention;
    }

    /**
     * Writes {@code key} with the probe's retention and checks that HEAD reports it.
     *
     * @param multipartSetting null for a single PUT; else the probe goes up as a multipart upload,
     *                         which this setting makes objects use
     */
    void retention(String key, Path file, String md5Base64, Map<String, String> metadata,
                   @Nullable String multipartSetting) {
        String how = multipartSetting == null ? "" : " in a multipart upload (which objects of at"
                + " least " + multipartSetting + " bytes use)";
        BlobStore.PutOutcome put = StoreSelfTest.call(() -> multipartSetting == null
                        ? store.create(key, file, md5Base64, metadata, retention)
                        : store.createInParts(key, file, metadata, retention),
                "cannot write an object with Object Lock retention (" + retention + ") to "
                        + bucket + how + ", which " + SETTING + " needs (a store refuses a"
                        + " retain-until that is past on its own clock: check the vault's clock)");
        if (put instanceof BlobStore.PutOutcome.AlreadyExists && !own(key, metadata)) {
            throw StoreSelfTest.missing(bucket + " answered 412 to a create of the new key " + key
                    + " with Object Lock retention");
        }
        BlobStore.LockStatus lock = head(key);
        Instant until = lock.retainUntil() == null ? null
                : lock.retainUntil().truncatedTo(ChronoUnit.SECONDS);
        if (lock.mode() != retention.mode() || !retention.retainUntil().equals(until)) {
            throw StoreSelfTest.missing(bucket + " accepted a write of " + key + " with Object Lock"
                    + " retention (" + retention + ")" + how + " but HEAD answers mode "
                    + lock.mode() + ", retain-until " + lock.retainUntil() + ": it does not keep"
                    + " Object Lock retention, which " + SETTING + " relies on to keep snapshots"
                    + " from being deleted early (AWS reports it only to credentials with"
                    + " s3:GetObjectRetention)" + REMEDY);
        }
    }

    /**
     * Turns a legal hold on {@code key} on and off, reading each back. The hold is turned off
     * again whatever the check finds; a probe whose hold cannot be turned off is named, since
     * nothing deletes it until someone does.
     */
    void legalHold(String key) {
        String needs = ", which holds on snapshots need with " + SETTING;
        StoreSelfTest.call(() -> {
            store.legalHold(key, true);
            return null;
        }, "cannot turn on a legal hold in " + bucket + needs);
        try {
            if (!head(key).legalHold()) {
                throw StoreSelfTest.missing(bucket + " accepted a legal hold on " + key + " but"
                        + " HEAD does not report it: it does not keep legal holds" + needs
                        + " (AWS reports it only to credentials with s3:GetObjectLegalHold)"
                        + REMEDY);
            }
        } finally {
            StoreSelfTest.call(() -> {
                store.legalHold(key, false);
                return null;
            }, "cannot turn off the legal hold it put on " + key + " in " + bucket
                    + " (turn it off by hand to let the probe be deleted)");
        }
        if (head(key).legalHold()) {
            throw StoreSelfTest.missing(bucket + " still reports a legal hold on " + key
                    + " after it was turned off" + needs + REMEDY);
        }
    }

    private BlobStore.LockStatus head(String key) {
        Optional<BlobStore.BlobInfo> head = StoreSelfTest.call(() -> store.head(key),
                "cannot HEAD the object it just wrote to " + bucket);
        if (head.isEmpty()) {
            throw StoreSelfTest.missing(bucket + " does not show the object " + key
                    + " it just wrote with Object Lock retention");
        }
        return head.get().lock();
    }

    /** A 412 on a new random key is this write when its response was lost and it was resent. */
    private boolean own(String key, Map<String, String> metadata) {
        Optional<BlobStore.BlobInfo> head = StoreSelfTest.call(() -> store.head(key),
                "cannot HEAD the object it just wrote to " + bucket);
        return head.isPresent() && StoreSelfTest.lowerCase(head.get().metadata()).entrySet()
                .containsAll(metadata.entrySet());
    }
}
