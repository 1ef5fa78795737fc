package io.configvault.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The limit of figure 3: a plain AWS SDK v2 multipart upload of one file, parts of the vault's
 * size ({@code vault.s3.multipart-part-size}, 16 MiB) sent one after the other as the vault
 * sends them, to the same S3 server; no encryption, no digest of our own.
 */
final class RawMultipartPut {

    /** The vault's default {@code vault.s3.multipart-part-size}. */
    static final long PART_BYTES = 16L * 1024 * 1024;

    private RawMultipartPut() {
    }

    /** Uploads {@code file} as {@code bucket/key}; returns the wall time in ns. */
    static long put(S3Client s3, String bucket, String key, Path file) throws IOException {
        long size = Files.size(file);
        long started = System.nanoTime();
        String upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (long offset = 0; offset < size; offset += PART_BYTES) {
            int number = parts.size() + 1;
            long from = offset;
            long length = Math.min(PART_BYTES, size - offset);
            ContentStreamProvider part = () -> {
                try {
                    return FileRange.open(file, from, length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload)
                            .partNumber(number).contentLength(length),
                    RequestBody.fromContentProvider(part, length, "application/octet-stream"))
                    .eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
        s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload)
                .multipartUpload(m -> m.parts(parts)));
        return System.nanoTime() - started;
    }
}
