package io.configvault.bench;

import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.io.Sha256;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the vault must do to a stored object before its API may send a byte of it, and a raw GET
 * does not: in one pass as the vault's retriever makes it, the object's digest, decryption with
 * the storage key and the check of that key's signature, the bundle's digest as it is written,
 * then a read of the bundle's manifest (the same shared code and order), timed in the suite's
 * JVM from a local copy of the object of figure 4. Bounds figure 4 from below together with the
 * raw GET: the vault runs these checks while the object arrives, but sends nothing before they
 * end.
 */
final class VerifyCost {

    /** Rounds before the measured ones, so that the JIT has compiled the crypto loops. */
    private static final int WARM_UP = 30;

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
            MessageDigest objectDigest = Sha256.newDigest();
            MessageDigest bundleDigest = Sha256.newDigest();
            try (InputStream in = new DigestInputStream(Files.newInputStream(stored),
                    objectDigest);
                 OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                         Files.newOutputStream(bundle), 64 * 1024), bundleDigest)) {
                OpenPgpDecryptor.decrypt(in, out, List.of(storage), storage.publicKey(),
                        OpenPgpDecryptor.Limits.DEFAULT);
            }
            Sha256.hex(objectDigest);
            Sha256.hex(bundleDigest);
            try (InputStream in = Files.newInputStream(bundle)) {
                BundleReader.readManifest(in, BundleLimits.DEFAULT);
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
