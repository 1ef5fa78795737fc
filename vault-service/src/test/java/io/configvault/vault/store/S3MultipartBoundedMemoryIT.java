package io.configvault.vault.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.io.Sha256;
import io.configvault.stack.S3Server;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.config.StorageSettings;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Uploads an object in parts larger than the heap to the real S3 server and reads it back.
 * Failsafe runs this class alone in a JVM with {@code -Xmx40m} (see the module's POM): a part
 * held in memory anywhere (our code or the SDK) would fail with OutOfMemoryError.
 */
class S3MultipartBoundedMemoryIT {

    static final long MIB = 1L << 20;
    static final long PART = 48 * MIB;
    static final long OBJECT = 2 * PART + 7 * MIB;

    @TempDir
    Path dir;

    @Test
    void partsLargerThanTheHeapAreStreamedFromTheFile() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory())
                .as("heap; this test proves something only in its bounded-memory execution")
                .isLessThan(PART);
        Path file = dir.resolve("object");
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[1 << 16];
            Random random = new Random(7);
            for (long written = 0; written < OBJECT; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
        try (S3Server server = S3Server.start(dir.resolve("s3"), 0, "bounded", "bounded-secret")) {
            server.createBucket("bounded");
            S3Settings settings = S3TestSettings.of(server, "bounded").multipart(PART, PART)
                    .build();
            try (S3Client client = new S3StoreFactory().s3Client(settings, new StorageSettings(
                    dir.resolve("catalog.db"), dir.resolve("spool"), 1L << 30))) {
                S3BlobStore store = new S3BlobStore(client, settings);

                BlobStore.PutOutcome put = store.create("big", file, "", Map.of(), null);
                Path back = dir.resolve("back");
                store.download("big", back);

                assertThat(put).isEqualTo(new BlobStore.PutOutcome.Created("big"));
                assertThat(Files.size(back)).isEqualTo(OBJECT);
                assertThat(Sha256.of(back)).isEqualTo(Sha256.of(file));
            }
        }
    }
}
