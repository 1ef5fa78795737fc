package io.configvault.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The limit: a plain AWS SDK v2 PUT of the same files to the same S3 server, on a few threads,
 * with the client the stack's tests use (path-style, checksums only where required).
 */
final class RawPut {

    private RawPut() {
    }

    /** PUTs each file as {@code <prefix><appliance>/<file name>}; returns the wall time in ns. */
    static long putAll(S3Client s3, String bucket, String prefix, List<SimulatedAppliance> fleet,
                       int threads) throws Exception {
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> puts = new ArrayList<>();
            for (SimulatedAppliance appliance : fleet) {
                Path file = appliance.contentFile();
                String key = prefix + appliance.id() + "/" + file.getFileName();
                puts.add(pool.submit(() -> s3.putObject(r -> r.bucket(bucket).key(key),
                        RequestBody.fromFile(file))));
            }
            for (Future<?> put : puts) {
                put.get();
            }
        }
        return System.nanoTime() - started;
    }
}
