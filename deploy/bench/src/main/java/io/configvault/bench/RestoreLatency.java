package io.configvault.bench;

import java.io.InputStream;
import java.io.OutputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Figure 4's measurement: the content of one stored snapshot through the vault's API (the
 * request a restore makes: {@code GET /api/v1/snapshots/{id}/content}) and a raw SDK GET of its
 * stored object from the same bucket, alternately, each read to the end.
 */
final class RestoreLatency {

    /** Requests of each kind before measuring (JIT, connections, caches). */
    static final int WARM_UP = 10;

    private RestoreLatency() {
    }

    /** Times in microseconds, one per round, of the API GET and of the raw GET. */
    record Samples(long[] apiMicros, long[] rawMicros, long apiBytes, long rawBytes) {
    }

    static Samples measure(VaultApi api, String snapshotId, S3Client s3, String bucket,
                           String objectKey, int rounds) throws Exception {
        String path = "/api/v1/snapshots/" + snapshotId + "/content";
        long apiBytes = 0;
        long rawBytes = 0;
        for (int i = 0; i < WARM_UP; i++) {
            apiBytes = api.download(path);
            rawBytes = rawGet(s3, bucket, objectKey);
        }
        long[] apiMicros = new long[rounds];
        long[] rawMicros = new long[rounds];
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            api.download(path);
            apiMicros[i] = (System.nanoTime() - started) / 1000;
            started = System.nanoTime();
            rawGet(s3, bucket, objectKey);
            rawMicros[i] = (System.nanoTime() - started) / 1000;
        }
        return new Samples(apiMicros, rawMicros, apiBytes, rawBytes);
    }

    private static long rawGet(S3Client s3, String bucket, String key) throws Exception {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
