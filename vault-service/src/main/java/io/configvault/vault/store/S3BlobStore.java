package io.configvault.vault.store;

import io.configvault.vault.config.S3Settings;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link BlobStore} on any S3-compatible server through the AWS SDK v2. Create-only writes use
 * a conditional PUT ({@code If-None-Match: *}): the server answers 412 when the key exists, which
 * makes a redelivered snapshot harmless. Files of at least {@code vault.s3.multipart-threshold}
 * bytes go up in parts of {@code vault.s3.multipart-part-size} ({@link S3Multipart}), completed
 * with the same condition. Every key gets {@code vault.s3.prefix} in front; listings take it off
 * again. Object Lock retention goes with the request that creates the object (PutObject or
 * CreateMultipartUpload); legal holds and the bucket's configuration are {@link S3ObjectLock}'s.
 * SDK errors are sorted at this boundary ({@link S3Failures}). Thread-safe (the SDK client is).
 */
public final class S3BlobStore implements StoreProbes {

    private static final String CONTENT_TYPE = "application/pgp-encrypted";
    /** Longest a {@link #probe} waits, retries included. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final long multipartThreshold;
    private final S3Failures failures;
    private final S3Multipart multipart;
    private final S3ObjectLock lock;

    S3BlobStore(S3Client s3, S3Settings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.prefix = settings.prefix();
        this.multipartThreshold = settings.multipartThreshold();
        this.failures = new S3Failures(bucket);
        this.multipart = new S3Multipart(s3, bucket, failures, settings.multipartPartSize());
        this.lock = new S3ObjectLock(s3, bucket, prefix, failures);
    }

    @Override
    public String bucketName() {
        return bucket;
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata,
                             @Nullable ObjectLockRequest lock) throws StoreException {
        return createWithDigests(key, file, ContentMd5.of(md5Base64), metadata, lock);
    }

    /** Digests that fit {@link #partLayout()} are used as they are; missing ones are computed. */
    @Override
    public PutOutcome createWithDigests(String key, Path file, ContentMd5 md5,
                                        Map<String, String> metadata,
                                        @Nullable ObjectLockRequest lock)
            throws StoreException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StoreException("Cannot store object " + key + ": " + file.getFileName()
                    + " cannot be read (" + e.getMessage() + ")", e);
        }
        if (size >= multipartThreshold) {
            return multipart.create(prefix + key, key, file, CONTENT_TYPE, metadata, lock,
                    md5.fits(multipart.partSize(), size) ? md5.parts() : null);
        }
        String md5Base64 = md5.whole() != null ? md5.whole() : wholeMd5(key, file, size);
        try {
            s3.putObject(b -> {
                b.bucket(bucket).key(prefix + key).ifNoneMatch("*").contentMD5(md5Base64)
                        .contentType(CONTENT_TYPE).metadata(metadata);
                if (lock != null) {
                    b.objectLockMode(lock.mode().name())
                            .objectLockRetainUntilDate(lock.retainUntil());
                }
            }, RequestBody.fromFile(file));
            return new PutOutcome.Created(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return new PutOutcome.AlreadyExists(key);
            }
            throw failures.sorted("store object " + key, e);
        } catch (SdkClientException e) {
            throw failures.sorted("store object " + key, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("store object " + key, e);
        }
    }

    @Override
    public PutOutcome createInParts(String key, Path file, Map<String, String> metadata,
                                    @Nullable ObjectLockRequest lock) throws StoreException {
        return multipart.create(prefix + key, key, file, CONTENT_TYPE, metadata, lock, null);
    }

    @Override
    public ContentMd5.PartLayout partLayout() {
        return new ContentMd5.PartLayout(multipartThreshold, multipart.partSize());
    }

    private static String wholeMd5(String key, Path file, long size) throws StoreException {
        try {
            return new FilePart(file, 0, size).md5Base64();
        } catch (IOException e) {
            throw new StoreException("Cannot store object " + key + ": " + file.getFileName()
                    + " cannot be read (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public Optional<BlobInfo> head(String key) throws StoreException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new BlobInfo(key, head.contentLength(), head.metadata(),
                    S3ObjectLock.status(head)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failures.sorted("inspect object " + key, e);
        } catch (SdkClientException e) {
            throw failures.sorted("inspect object " + key, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("inspect object " + key, e);
        }
    }

    @Override
    public InputStream open(String key) throws StoreException {
        String action = "download object " + key;
        try {
            return new S3ObjectStream(s3.getObject(b -> b.bucket(bucket).key(prefix + key)),
                    action, failures);
        } catch (S3Exception e) {
            throw failures.sorted(action, e);
        } catch (SdkClientException e) {
            throw failures.sorted(action, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted(action, e);
        }
    }

    @Override
    public Page list(String keyPrefix, String startAfter, int limit) throws StoreException {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("Cannot list: limit " + limit + " is not 1 to 1000");
        }
        try {
            ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(bucket)
                    .prefix(prefix + keyPrefix).maxKeys(limit)
                    .startAfter(startAfter == null ? null : prefix + startAfter));
            return new Page(page.contents().stream()
                    .map(o -> new ListedBlob(o.key().substring(prefix.length()), o.size()))
                    .toList(), Boolean.TRUE.equals(page.isTruncated()));
        } catch (S3Exception e) {
            throw failures.sorted("list objects under " + keyPrefix, e);
        } catch (SdkClientException e) {
            throw failures.sorted("list objects under " + keyPrefix, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("list objects under " + keyPrefix, e);
        }
    }

    /**
     * HEAD on the bucket, within {@link #PROBE_TIMEOUT} for all attempts together: a health
     * check must answer quickly, whatever the SDK's retry policy.
     */
    @Override
    public void probe() throws StoreException {
        try {
            s3.headBucket(b -> b.bucket(bucket)
                    .overrideConfiguration(o -> o.apiCallTimeout(PROBE_TIMEOUT)));
        } catch (S3Exception e) {
            throw failures.sorted("reach the bucket", e);
        } catch (SdkClientException e) {
            throw failures.sorted("reach the bucket", e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("reach the bucket", e);
        }
    }

    @Override
    public void delete(String key) throws StoreException {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(prefix + key));
        } catch (NoSuchKeyException e) {
            // Already gone: what was asked.
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failures.sorted("delete object " + key, e);
            }
        } catch (SdkClientException e) {
            throw failures.sorted("delete object " + key, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("delete object " + key, e);
        }
    }

    @Override
    public ObjectLock objectLock() throws StoreException {
        return lock.configuration();
    }

    @Override
    public void legalHold(String key, boolean on) throws StoreException {
        lock.legalHold(key, on);
    }

    @Override
    public int deleteAllVersions(String keyPrefix) throws StoreException {
        return lock.deleteAllVersions(keyPrefix, 100);
    }
}
