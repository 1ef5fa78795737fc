package io.configvault.vault.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * {@link BlobStore} on any S3-compatible server through the AWS SDK v2. Create-only writes use
 * a conditional PUT ({@code If-None-Match: *}): the server answers 412 when the key exists, which
 * makes a redelivered snapshot harmless. SDK errors are sorted at this boundary: 5xx, 429 and
 * transport failures are {@link StoreUnavailableException}, the rest {@link StoreException}.
 */
public final class S3BlobStore implements BlobStore {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3BlobStore(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
    }

    @Override
    public PutOutcome create(String key, Path file, String md5Base64, Map<String, String> metadata)
            throws StoreException {
        try {
            s3.putObject(b -> b.bucket(bucket).key(prefix + key).ifNoneMatch("*")
                    .contentMD5(md5Base64).contentType("application/pgp-encrypted")
                    .metadata(metadata), RequestBody.fromFile(file));
            return new PutOutcome.Created(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                return new PutOutcome.AlreadyExists(key);
            }
            throw sorted("store", key, e);
        } catch (SdkClientException e) {
            throw sorted("store", key, e);
        }
    }

    @Override
    public Optional<BlobInfo> head(String key) throws StoreException {
        try {
            HeadObjectResponse head = s3.headObject(b -> b.bucket(bucket).key(prefix + key));
            return Optional.of(new BlobInfo(key, head.contentLength(), head.metadata()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw sorted("inspect", key, e);
        } catch (SdkClientException e) {
            throw sorted("inspect", key, e);
        }
    }

    @Override
    public void download(String key, Path target) throws StoreException, IOException {
        try {
            s3.getObject(b -> b.bucket(bucket).key(prefix + key),
                    ResponseTransformer.toOutputStream(Files.newOutputStream(target)));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (S3Exception e) {
            throw sorted("download", key, e);
        } catch (SdkClientException e) {
            throw sorted("download", key, e);
        }
    }

    private StoreException sorted(String verb, String key, S3Exception e) {
        String code = e.awsErrorDetails() == null ? "" : " " + e.awsErrorDetails().errorCode();
        String message = "Cannot " + verb + " object " + key + ": bucket '" + bucket
                + "' answered " + e.statusCode() + code;
        if (e.statusCode() >= 500 || e.statusCode() == 429 || e.statusCode() == 408) {
            return new StoreUnavailableException(message, e);
        }
        return new StoreException(message, e);
    }

    private StoreException sorted(String verb, String key, SdkClientException e) {
        return new StoreUnavailableException("Cannot " + verb + " object " + key + ": bucket '"
                + bucket + "' is unreachable (" + e.getClass().getSimpleName() + ")", e);
    }
}
