package io.configvault.vault.store;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * A create-only multipart upload: the parts are streamed from the file, up to
 * {@link #PARTS_IN_FLIGHT} at a time (each with its Content-MD5, taken from the caller when it
 * computed them while writing the file; a part is never held in memory), and
 * {@code CompleteMultipartUpload} carries {@code If-None-Match: *}, so that the server answers
 * 412 instead of replacing an object that exists — the same guarantee as the single conditional
 * PUT. Whatever goes wrong, including that 412, the upload is aborted, so no
 * parts are left behind (a crash still can leave some: see the bucket lifecycle rule in
 * docs/vault-service.md). An SDK retry of the completion that meets the object its first attempt
 * created answers 412 too, which the caller handles like any existing object (it checks the
 * digest in the object's metadata). Thread-safe: no state between calls.
 */
final class S3Multipart {

    private static final Logger LOG = LoggerFactory.getLogger(S3Multipart.class);
    /** Parts uploaded at the same time: the server works on one while the next is sent. */
    static final int PARTS_IN_FLIGHT = 4;

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

    long partSize() {
        return partSize;
    }

    /**
     * @param objectKey the key in the bucket (with the store's prefix)
     * @param key       the vault's key, for outcomes and messages
     * @param lock      Object Lock retention, sent with CreateMultipartUpload (S3 applies it to
     *                  the completed object; each part carries its Content-MD5, which S3
     *                  requires of uploads with a lock), or null
     * @param partMd5s  the Content-MD5 of each part of {@link #partSize()}, or null to compute
     *                  them here (one more read of each part)
     */
    BlobStore.PutOutcome create(String objectKey, String key, Path file, String contentType,
                                Map<String, String> metadata, @Nullable ObjectLockRequest lock,
                                @Nullable List<String> partMd5s) throws StoreException {
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
            List<CompletedPart> parts = uploadParts(objectKey, key, uploadId, file, partMd5s);
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
                                            Path file, @Nullable List<String> partMd5s)
            throws IOException {
        long size = Files.size(file);
        List<Future<CompletedPart>> uploads = new ArrayList<>();
        try (ExecutorService senders = Executors.newFixedThreadPool(PARTS_IN_FLIGHT,
                Thread.ofPlatform().name("vault-s3-part-", 1).daemon().factory())) {
            long offset = 0;
            int number = 1;
            do {
                FilePart part = new FilePart(file, offset, Math.min(partSize, size - offset));
                String md5 = partMd5s == null ? null : partMd5s.get(number - 1);
                int partNumber = number;
                uploads.add(senders.submit(() -> uploadPart(objectKey, uploadId, partNumber,
                        part, md5)));
                offset += part.length();
                number++;
            } while (offset < size);
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> upload : uploads) {
                parts.add(done(upload, uploads));
            }
            LOG.debug("Uploaded {} in {} parts", key, parts.size());
            return parts;
        }
    }

    private CompletedPart uploadPart(String objectKey, String uploadId, int partNumber,
                                     FilePart part, @Nullable String knownMd5) throws IOException {
        String md5 = knownMd5 != null ? knownMd5 : part.md5Base64();
        UploadPartResponse uploaded;
        try (PartStreams streams = new PartStreams(part)) {
            uploaded = s3.uploadPart(b -> b.bucket(bucket).key(objectKey).uploadId(uploadId)
                    .partNumber(partNumber).contentLength(part.length()).contentMD5(md5),
                    RequestBody.fromContentProvider(streams, part.length(),
                            "application/octet-stream"));
        }
        return CompletedPart.builder().partNumber(partNumber).eTag(uploaded.eTag()).build();
    }

    /**
     * The part's outcome; its failure cancels the parts not yet sent and is rethrown as thrown
     * (the caller sorts it and aborts the upload).
     */
    private static CompletedPart done(Future<CompletedPart> upload,
                                      List<Future<CompletedPart>> all) throws IOException {
        try {
            return upload.get();
        } catch (InterruptedException e) {
            all.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading parts");
        } catch (ExecutionException e) {
            all.forEach(f -> f.cancel(true));
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
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
