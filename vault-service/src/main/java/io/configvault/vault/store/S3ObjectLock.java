package io.configvault.vault.store;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteMarkerEntry;
import software.amazon.awssdk.services.s3.model.GetObjectLockConfigurationResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The Object Lock calls of {@link S3BlobStore}: the bucket's configuration, legal holds, the lock
 * a HEAD reports, and removing every version under a prefix (the self-test's probes). Keys here
 * are the bucket's (with the store's prefix); messages name the vault's. Thread-safe.
 */
final class S3ObjectLock {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final S3Failures failures;

    S3ObjectLock(S3Client s3, String bucket, String prefix, S3Failures failures) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.failures = failures;
    }

    /** The lock a HEAD reports; a mode this SDK does not know counts as none. */
    static BlobStore.LockStatus status(HeadObjectResponse head) {
        ObjectLockRequest.Mode mode = switch (head.objectLockMode()) {
            case GOVERNANCE -> ObjectLockRequest.Mode.GOVERNANCE;
            case COMPLIANCE -> ObjectLockRequest.Mode.COMPLIANCE;
            case null, default -> null;
        };
        return new BlobStore.LockStatus(mode, head.objectLockRetainUntilDate(),
                head.objectLockLegalHoldStatus() == ObjectLockLegalHoldStatus.ON);
    }

    StoreProbes.ObjectLock configuration() throws StoreException {
        try {
            GetObjectLockConfigurationResponse answer =
                    s3.getObjectLockConfiguration(b -> b.bucket(bucket));
            boolean enabled = answer.objectLockConfiguration() != null
                    && answer.objectLockConfiguration().objectLockEnabled()
                    == ObjectLockEnabled.ENABLED;
            return new StoreProbes.ObjectLock(enabled, enabled ? "Object Lock enabled"
                    : "an Object Lock configuration without ObjectLockEnabled=Enabled");
        } catch (S3Exception e) {
            if (e.statusCode() == 403 || e.statusCode() >= 500 && e.statusCode() != 501) {
                throw failures.sorted("read the Object Lock configuration", e);
            }
            // 404 ObjectLockConfigurationNotFoundError, 501 NotImplemented, 400: no Object Lock.
            return new StoreProbes.ObjectLock(false, S3Failures.answer(e));
        } catch (SdkClientException e) {
            throw failures.sorted("read the Object Lock configuration", e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("read the Object Lock configuration", e);
        }
    }

    /**
     * PutObjectLegalHold. A store without legal holds answers 501 NotImplemented (or 400): that
     * is permanent, not a failure that passes, so it is a plain {@link StoreException}.
     */
    void legalHold(String key, boolean on) throws StoreException {
        String action = "turn " + (on ? "on" : "off") + " the legal hold of object " + key;
        try {
            s3.putObjectLegalHold(b -> b.bucket(bucket).key(prefix + key).legalHold(
                    h -> h.status(on ? ObjectLockLegalHoldStatus.ON
                            : ObjectLockLegalHoldStatus.OFF)));
        } catch (S3Exception e) {
            StoreException sorted = failures.sorted(action, e);
            throw e.statusCode() == 501 ? new StoreException(sorted.getMessage(), e) : sorted;
        } catch (SdkClientException e) {
            throw failures.sorted(action, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted(action, e);
        }
    }

    /**
     * Deletes every version and delete marker under {@code keyPrefix}, bypassing governance
     * retention (which needs {@code s3:BypassGovernanceRetention}; a version under compliance
     * retention, or without that right, stays and the first refusal is thrown after the rest is
     * tried). At most {@code maxVersions} are looked at: for the self-test's few probes only.
     *
     * @return how many versions and delete markers were deleted
     */
    int deleteAllVersions(String keyPrefix, int maxVersions) throws StoreException {
        String action = "list the versions under " + keyPrefix;
        List<String[]> versions = new ArrayList<>();
        try {
            ListObjectVersionsResponse page = s3.listObjectVersions(b -> b.bucket(bucket)
                    .prefix(prefix + keyPrefix).maxKeys(maxVersions));
            for (ObjectVersion v : page.versions()) {
                versions.add(new String[] {v.key(), v.versionId()});
            }
            for (DeleteMarkerEntry m : page.deleteMarkers()) {
                versions.add(new String[] {m.key(), m.versionId()});
            }
        } catch (S3Exception e) {
            throw failures.sorted(action, e);
        } catch (SdkClientException e) {
            throw failures.sorted(action, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted(action, e);
        }
        StoreException first = null;
        int deleted = 0;
        for (String[] version : versions) {
            try {
                deleteVersion(version[0], version[1]);
                deleted++;
            } catch (StoreException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        return deleted;
    }

    private void deleteVersion(String objectKey, String versionId) throws StoreException {
        String action = "delete version " + versionId + " of object "
                + objectKey.substring(prefix.length());
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(objectKey).versionId(versionId)
                    .bypassGovernanceRetention(true));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failures.sorted(action, e);
            }
        } catch (SdkClientException e) {
            throw failures.sorted(action, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted(action, e);
        }
    }
}
