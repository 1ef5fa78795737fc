package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * A create-only multipart upload: the parts are streamed from the file one at a time (each with
 * its Content-MD5), and {@code CompleteMultipartUpload} carries {@code If-None-Match: *}, so that
 * the server answers 412 instead of replacing an object that exists — the same guarantee as the
 * single conditional PUT. Whatever goes wrong, including that 412, the upload is aborted, so no
 * parts are left behind (a crash still can leave some: see the bucket lifecycle rule in
 * docs/vault-service.md). An SDK retry of the completion that meets the object its first attempt
 * created answers 412 too, which the caller handles like any existing object (it checks the
 * digest in the object's metadata). Thread-safe: no state between calls.
 */
final class S3Multipart {

    private static final Logger LOG = LoggerFactory.getLogger(S3Multipart.class);

    private final S3Client s3;
    private final String bucket;
    private final S3Failures failures;
    private final long partSize;

    S3Multipart(S3Client s3, String bucket, S3Failures failures, long partSize) {
        this.s3 = s3;
        this.bucket = bucket;
        this.failures = failures;
        this.partSize = partSize;
    }

    /**
     * @param objectKey the key in the bucket (with the store's prefix)
     * @param key       the vault's key, for outcomes and messages
     * @param lock      Object Lock retention, sent with CreateMultipartUpload (S3 applies it to
     *                  the completed object; each part carries its Content-MD5, which S3
     *                  requires of uploads with a lock), or null
     */
    BlobStore.PutOutcome create(String objectKey, String key, Path file, String contentType,
                                Map<String, String> metadata, @Nullable ObjectLockRequest lock)
            throws StoreException {
        String uploadId;
        try {
            uploadId = s3.createMultipartUpload(b -> {
                b.bucket(bucket).key(objectKey).contentType(contentType).metadata(metadata);
                if (lock != null) {
                    b.objectLockMode(lock.mode().name())
                            .objectLockRetainUntilDate(lock.retainUntil());
                }
            }).uploadId();
        } catch (S3Exception e) {
            throw failures.sorted("start a multipart upload of object " + key, e);
        } catch (SdkClientException e) {
            throw failures.sorted("start a multipart upload of object " + key, e);
        } catch (UncheckedIOException e) {
            throw failures.sorted("start a multipart upload of object " + key, e);
        }
        try {
            List<CompletedPart> parts = uploadParts(objectKey, key, uploadId, file);
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .ifNoneMatch("*").multipartUpload(m -> m.parts(parts)));
            return new BlobStore.PutOutcome.Created(key);
        } catch (S3Exception e) {
            abort(objectKey, key, uploadId);
            if (e.statusCode() == 412) {
                return new BlobStore.PutOutcome.AlreadyExists(key);
            }
            throw failures.sorted("store object " + key, e);
        } catch (SdkClientException e) {
            abort(objectKey, key, uploadId);
            throw failures.sorted("store object " + key, e);
        } catch (IOException e) {
            abort(objectKey, key, uploadId);
            throw new StoreException("Cannot store object " + key + ": reading "
                    + file.getFileName() + " failed (" + e.getMessage() + ")", e);
        } catch (UncheckedIOException e) {
            // The file part's stream, or the HTTP client on a broken connection.
            abort(objectKey, key, uploadId);
            throw failures.sorted("store object " + key, e);
        } catch (RuntimeException | Error e) {
            abort(objectKey, key, uploadId);
            throw e;
        }
    }

    private List<CompletedPart> uploadParts(String objectKey, String key, String uploadId,
                                            Path file) throws IOException {
        long size = Files.size(file);
        List<CompletedPart> parts = new ArrayList<>();
        long offset = 0;
        int number = 1;
        do {
            FilePart part = new FilePart(file, offset, Math.min(partSize, size - offset));
            int partNumber = number;
            String md5 = part.md5Base64();
            UploadPartResponse uploaded;
            try (PartStreams streams = new PartStreams(part)) {
                uploaded = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                        .partNumber(partNumber).contentLength(part.length()).contentMD5(md5),
                        RequestBody.fromContentProvider(streams, part.length(),
                                "application/octet-stream"));
            }
            parts.add(CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag())
                    .build());
            offset += part.length();
            number++;
        } while (offset < size);
        LOG.debug("Uploaded {} in {} parts", key, parts.size());
        return parts;
    }

    private void abort(String objectKey, String key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId));
        } catch (S3Exception | SdkClientException e) {
            // The bucket's lifecycle rule for incomplete uploads is the backstop.
            LOG.warn("Cannot abort the multipart upload of {} in bucket '{}': {}", key, bucket,
                    e.getMessage());
        }
    }

    /** A new stream per attempt (the SDK retries a part), closing the previous one. */
    private static final class PartStreams implements ContentStreamProvider, AutoCloseable {
        private final FilePart part;
        private InputStream current;

        PartStreams(FilePart part) {
            this.part = part;
        }

        @Override
        public synchronized InputStream newStream() {
            try {
                if (current != null) {
                    current.close();
                }
                current = part.open();
                return current;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }
}
