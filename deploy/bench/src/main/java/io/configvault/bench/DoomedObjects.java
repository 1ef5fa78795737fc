package io.configvault.bench;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Puts the objects of the catalog rows a retention pass will delete into the vault's bucket, of
 * the rows' stored sizes (random bytes), on a few threads, so that the pass's deletes are real
 * DELETEs of real objects; and counts what is left afterwards.
 */
final class DoomedObjects {

    private DoomedObjects() {
    }

    /** PUTs one object per row; returns the bytes written. */
    static long put(S3Client s3, String bucket, List<CatalogFill.Doomed> rows, int threads)
            throws Exception {
        byte[] random = new byte[128 * 1024];
        new SecureRandom().nextBytes(random);
        long bytes = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> puts = new ArrayList<>(rows.size());
            for (CatalogFill.Doomed row : rows) {
                int size = Math.toIntExact(Math.min(row.bytes(), random.length));
                bytes += size;
                puts.add(pool.submit(() -> s3.putObject(r -> r.bucket(bucket)
                        .key(row.objectKey()), RequestBody.fromBytes(
                        java.util.Arrays.copyOf(random, size)))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
        return bytes;
    }

    /** How many objects the bucket holds under {@code snapshots/}. */
    static long count(S3Client s3, String bucket) {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("snapshots/")).contents()
                .stream().count();
    }
}
