package io.configvault.bench;

import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.io.Sha256;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the vault must do to a stored object before its API may send a byte of it, and a raw GET
 * does not: the object's digest, decryption with the storage key and the check of that key's
 * signature, the bundle's digest and a read of the bundle (the same shared code and order as the
 * vault's retriever), timed in the suite's JVM on the object of figure 4. Bounds figure 4 from
 * below together with the raw GET.
 */
final class VerifyCost {

    private static final int WARM_UP = 5;

    private VerifyCost() {
    }

    /** Microseconds of each of {@code rounds} verifications of the object, after a warm-up. */
    static long[] measure(S3Client s3, String bucket, String key, PgpSecretKey storage, Path dir,
                          int rounds) throws Exception {
        Path stored = dir.resolve("stored.pgp");
        Path bundle = dir.resolve("bundle.tar");
        Files.deleteIfExists(stored);
        s3.getObject(b -> b.bucket(bucket).key(key), stored);
        long[] micros = new long[rounds];
        for (int i = -WARM_UP; i < rounds; i++) {
            long started = System.nanoTime();
            Sha256.of(stored);
            try (InputStream in = Files.newInputStream(stored);
                 OutputStream out = Files.newOutputStream(bundle)) {
                OpenPgpDecryptor.decrypt(in, out, List.of(storage), storage.publicKey(),
                        OpenPgpDecryptor.Limits.DEFAULT);
            }
            Sha256.of(bundle);
            try (InputStream in = Files.newInputStream(bundle)) {
                BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
            }
            if (i >= 0) {
                micros[i] = (System.nanoTime() - started) / 1000;
            }
        }
        Files.delete(stored);
        Files.delete(bundle);
        return micros;
    }
}
