package io.configvault.vault.store;

import io.configvault.vault.config.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup self-test: proves, against the real bucket and before ingest starts, that the store
 * does what the vault relies on — put, HEAD with size and user metadata (rebuild-catalog needs
 * it), get with equal content, list, a conditional put on an existing key answering 412, the same
 * for a multipart completion when objects can be large enough to go in parts, delete, and Object
 * Lock when {@code vault.s3.object-lock=required} ({@link ObjectLockProbe}). Every request goes
 * through the configured client, so the configured checksum modes are exercised by the same put
 * and get. Works under {@code selftest/<random>} (with the store's prefix) and removes what it
 * wrote — on a bucket with Object Lock every version of it, as far as the vault's rights go.
 *
 * <p>A store lacking a capability stops the vault: {@link #run} throws an
 * {@link IllegalStateException} naming the capability and the setting that relies on it.
 * Messages never carry credentials. Not thread-safe; run once.
 */
final class StoreSelfTest {

    static final String KEY_PREFIX = "selftest/";
    private static final Logger LOG = LoggerFactory.getLogger(StoreSelfTest.class);
    private static final String EXACTLY_ONCE = "which the vault relies on for exactly-once storage";

    private final StoreProbes store;
    private final S3Settings settings;
    private final long maxSnapshotBytes;
    private final Path scratchDir;
    private final Clock clock;
    private final String bucket;
    private final List<String> checked = new ArrayList<>();
    /** The retention the Object Lock probes were written with, once they were. */
    private ObjectLockRequest probeLock;
    private boolean lockedBucket;

    StoreSelfTest(StoreProbes store, S3Settings settings, long maxSnapshotBytes, Path scratchDir,
                  Clock clock) {
        this.store = store;
        this.settings = settings;
        this.maxSnapshotBytes = maxSnapshotBytes;
        this.scratchDir = scratchDir;
        this.clock = clock;
        this.bucket = "bucket '" + store.bucketName() + "'";
    }

    /**
     * Runs every check.
     *
     * @return what was checked, in order, for the log
     * @throws IllegalStateException "Cannot start vault: ..." at the first missing capability
     */
    List<String> run() {
        String id = HexFormat.of().formatHex(random(8));
        String key = KEY_PREFIX + id;
        String partsKey = KEY_PREFIX + id + "-multipart";
        byte[] content = random(1024);
        Map<String, String> metadata = Map.of("cv-selftest", id);
        Path file = scratch(id, content);
        try {
            writeAndReadBack(key, file, content, metadata);
            conditionalPut(key, file, content, metadata);
            if (settings.multipartPossible(maxSnapshotBytes)) {
                conditionalMultipart(partsKey, file, metadata);
            } else {
                checked.add("multipart not used (vault.s3.multipart-threshold is above the"
                        + " largest object)");
            }
            deleteAndCheck(key);
            objectLock(key + "-lock", file, content, metadata);
            checked.add("checksums: request " + settings.requestChecksums() + ", response "
                    + settings.responseChecksums());
            return List.copyOf(checked);
        } finally {
            cleanUp(file, key, partsKey, key + "-lock", key + "-lock-multipart");
        }
    }

    private void writeAndReadBack(String key, Path file, byte[] content,
                                  Map<String, String> metadata) {
        BlobStore.PutOutcome put = call(
                () -> store.create(key, file, md5(content), metadata, null),
                "cannot write to " + bucket + requestChecksumHint());
        if (put instanceof BlobStore.PutOutcome.AlreadyExists && !ownRetriedWrite(key, metadata)) {
            throw missing(bucket + " answered 412 to a create of the new key " + key
                    + ": it does not evaluate If-None-Match (conditional writes) correctly, "
                    + EXACTLY_ONCE);
        }
        checked.add("put");
        Optional<BlobStore.BlobInfo> head = call(() -> store.head(key),
                "cannot HEAD the object it just wrote to " + bucket);
        if (head.isEmpty() || head.get().size() != content.length) {
            throw missing(bucket + " does not show the object it just wrote (HEAD answered "
                    + head.map(h -> h.size() + " bytes").orElse("nothing") + ")");
        }
        if (!lowerCase(head.get().metadata()).entrySet().containsAll(metadata.entrySet())) {
            throw missing(bucket + " does not keep user metadata (x-amz-meta-*), which"
                    + " rebuild-catalog relies on to rebuild the catalog from the bucket");
        }
        checked.add("head (size, user metadata)");
        Path back = scratchDir.resolve(file.getFileName() + ".back");
        try {
            try {
                store.download(key, back);
            } catch (StoreException e) {
                throw missing("cannot read back from " + bucket + responseChecksumHint() + ": "
                        + e.getMessage());
            }
            if (!Arrays.equals(content, Files.readAllBytes(back))) {
                throw missing(bucket + " returned other bytes than were written");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start vault: the S3 self-test cannot read its"
                    + " scratch file in " + scratchDir, e);
        } finally {
            deleteQuietly(back);
        }
        checked.add("get (content equal)");
        BlobStore.Page page = call(() -> store.list(key, null, 10),
                "cannot list " + bucket);
        if (page.blobs().stream().noneMatch(b -> b.key().equals(key)
                && b.size() == content.length)) {
            throw missing(bucket + " does not list the object it just wrote (listed "
                    + page.blobs().stream().map(BlobStore.ListedBlob::key).toList() + ")");
        }
        checked.add("list");
    }

    /**
     * A 412 on the first create of a random key is this very write when its response was lost and
     * the client sent it again (the SDK retries on a broken connection): the object is there with
     * this run's random id in its metadata. The checks that follow still compare its content.
     */
    private boolean ownRetriedWrite(String key, Map<String, String> metadata) {
        Optional<BlobStore.BlobInfo> head = call(() -> store.head(key),
                "cannot HEAD the object it just wrote to " + bucket);
        boolean own = head.isPresent()
                && lowerCase(head.get().metadata()).entrySet().containsAll(metadata.entrySet());
        if (own) {
            LOG.info("S3 self-test: {} answered 412 to a retried create of its own new key {};"
                    + " the first attempt had stored it", bucket, key);
        }
        return own;
    }

    private void conditionalPut(String key, Path file, byte[] content,
                                Map<String, String> metadata) {
        BlobStore.PutOutcome again;
        try {
            again = store.create(key, file, md5(content), metadata, null);
        } catch (StoreException e) {
            throw missing(bucket + " does not support If-None-Match (conditional writes), "
                    + EXACTLY_ONCE + " (" + e.getMessage() + ")");
        }
        if (again instanceof BlobStore.PutOutcome.Created) {
            throw missing(bucket + " ignores If-None-Match (conditional writes), " + EXACTLY_ONCE
                    + ": a second create of " + key + " succeeded instead of answering 412");
        }
        checked.add("conditional put (412)");
    }

    private void conditionalMultipart(String key, Path file, Map<String, String> metadata) {
        String setting = "vault.s3.multipart-threshold=" + settings.multipartThreshold();
        String remedy = "; or set vault.s3.multipart-threshold above "
                + S3Settings.largestObject(maxSnapshotBytes)
                + " (vault.max-snapshot-bytes + 1 MiB) so that no upload goes in parts";
        BlobStore.PutOutcome first = call(() -> store.createInParts(key, file, metadata, null),
                "cannot complete a multipart upload in " + bucket + ", which objects of at least "
                        + setting + " bytes need" + remedy);
        if (first instanceof BlobStore.PutOutcome.AlreadyExists && !ownRetriedWrite(key, metadata)) {
            throw missing(bucket + " answered 412 to a multipart completion of the new key "
                    + key + ": it does not evaluate If-None-Match correctly, " + EXACTLY_ONCE
                    + " of objects of at least " + setting + " bytes" + remedy);
        }
        BlobStore.PutOutcome again;
        try {
            again = store.createInParts(key, file, metadata, null);
        } catch (StoreException e) {
            throw missing(bucket + " does not support If-None-Match on CompleteMultipartUpload"
                    + " (conditional multipart writes), " + EXACTLY_ONCE + " of objects of at"
                    + " least " + setting + " bytes (" + e.getMessage() + ")" + remedy);
        }
        if (again instanceof BlobStore.PutOutcome.Created) {
            throw missing(bucket + " ignores If-None-Match on CompleteMultipartUpload (conditional"
                    + " multipart writes), " + EXACTLY_ONCE + " of objects of at least " + setting
                    + " bytes" + remedy);
        }
        checked.add("conditional multipart completion (412)");
    }

    private void deleteAndCheck(String key) {
        call(() -> {
            store.delete(key);
            return null;
        }, "cannot delete from " + bucket);
        if (call(() -> store.head(key), "cannot HEAD " + bucket).isPresent()) {
            throw missing(bucket + " still shows " + key + " after deleting it");
        }
        checked.add("delete");
    }

    private void objectLock(String key, Path file, byte[] content, Map<String, String> metadata) {
        if (!settings.objectLockRequired()) {
            checked.add("Object Lock not required (vault.s3.object-lock=off)");
            return;
        }
        StoreProbes.ObjectLock lock = call(store::objectLock,
                "cannot read the Object Lock configuration of " + bucket
                        + ", which vault.s3.object-lock=required needs");
        if (!lock.enabled()) {
            throw missing("vault.s3.object-lock=required but " + bucket + " has no Object Lock"
                    + " (GetObjectLockConfiguration answered " + lock.detail() + "); use a bucket"
                    + " created with Object Lock, or set vault.s3.object-lock=off");
        }
        lockedBucket = true;
        checked.add("Object Lock enabled");
        ObjectLockProbe probe = new ObjectLockProbe(store, bucket, clock);
        probeLock = probe.retention();
        probe.retention(key, file, md5(content), metadata, null);
        if (settings.multipartPossible(maxSnapshotBytes)) {
            probe.retention(key + "-multipart", file, md5(content), metadata,
                    "vault.s3.multipart-threshold=" + settings.multipartThreshold());
        }
        checked.add("Object Lock retention read back (" + probeLock.mode() + ", retain-until)");
        probe.legalHold(key);
        checked.add("legal hold on and off read back");
    }

    private String requestChecksumHint() {
        return S3Settings.WHEN_SUPPORTED.equals(settings.requestChecksums())
                ? " (if the server rejects the SDK's checksum headers, set"
                + " vault.s3.request-checksum-calculation=when-required)" : "";
    }

    private String responseChecksumHint() {
        return S3Settings.WHEN_SUPPORTED.equals(settings.responseChecksums())
                ? " (if the server's checksums do not validate, set"
                + " vault.s3.response-checksum-validation=when-required)" : "";
    }

    private void cleanUp(Path file, String... keys) {
        deleteQuietly(file);
        for (String key : keys) {
            try {
                store.delete(key);
            } catch (StoreException e) {
                LOG.warn("S3 self-test cannot remove {} from {}: {}", key, bucket,
                        e.getMessage());
            }
        }
        if (lockedBucket) {
            removeVersions(keys[0]);
        }
    }

    /**
     * A bucket with Object Lock is versioned: the deletes above left the probes' versions behind
     * delete markers. The locked probes' versions go only with the right to bypass governance
     * retention, which the vault's credentials should not have (docs/vault-service.md); without
     * it they stay until their retain-until, a minute away, and the bucket's lifecycle rule for
     * noncurrent versions removes them after that.
     */
    private void removeVersions(String keyPrefix) {
        try {
            store.deleteAllVersions(keyPrefix);
        } catch (StoreException e) {
            if (probeLock != null && !(e instanceof StoreUnavailableException)) {
                LOG.info("S3 self-test leaves its Object Lock probes {}* in {} until {}, when the"
                        + " bucket's lifecycle rule for noncurrent versions can remove them ({})",
                        keyPrefix, bucket, probeLock.retainUntil(), e.getMessage());
            } else {
                LOG.warn("S3 self-test cannot remove the versions of {}* from {}: {}", keyPrefix,
                        bucket, e.getMessage());
            }
        }
    }

    @FunctionalInterface
    interface StoreCall<T> {
        T call() throws StoreException;
    }

    static <T> T call(StoreCall<T> call, String failure) {
        try {
            return call.call();
        } catch (StoreException e) {
            throw missing(failure + ": " + e.getMessage());
        }
    }

    static IllegalStateException missing(String problem) {
        return new IllegalStateException("Cannot start vault: S3 self-test failed: " + problem);
    }

    private Path scratch(String id, byte[] content) {
        try {
            Files.createDirectories(scratchDir);
            return Files.write(scratchDir.resolve("selftest-" + id + ".bin"), content);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start vault: the S3 self-test cannot write its"
                    + " scratch file in " + scratchDir + " (vault.spool-dir)", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete scratch file {}: {}", file, e.getMessage());
        }
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    static String md5(byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("MD5").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
    }

    /** S3 answers metadata names in lower case, some servers as sent: compare ignoring case. */
    static Map<String, String> lowerCase(Map<String, String> metadata) {
        Map<String, String> lower = new HashMap<>();
        metadata.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
        return lower;
    }
}
