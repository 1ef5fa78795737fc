package io.configvault.bench;

import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.PgpSecretKey;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The OpenPGP work a vault ingest cannot skip, timed in the suite's JVM with the vault's shared
 * code: encryption to the storage key (signed by it), as at rest, and decryption with its
 * signature check, as of an appliance's snapshot (same cipher, hashes and packet layout), of a
 * file of random bytes, file to file. The fastest of a few rounds after a warm-up one: a floor
 * for what those two steps cost the vault per byte.
 */
final class CryptoCost {

    static final int ROUNDS_MEASURED = 3;

    /** Nanoseconds to encrypt and to decrypt {@code bytes}. */
    record Cost(long bytes, long encryptNanos, long decryptNanos) {

        /**
         * Both steps at once, as ingest runs them (on two threads), scaled to {@code payload}:
         * the slower one, with a processor each.
         */
        long overlappedNanosFor(long payload) {
            return Math.round((double) Math.max(encryptNanos, decryptNanos) * payload / bytes);
        }
    }

    private CryptoCost() {
    }

    static Cost measure(PgpSecretKey key, Path dir, long bytes) throws Exception {
        Path plain = RandomFile.write(dir.resolve("crypto-plain.bin"), bytes);
        Path sealed = dir.resolve("crypto-sealed.pgp");
        Path back = dir.resolve("crypto-back.bin");
        long encrypt = Long.MAX_VALUE;
        long decrypt = Long.MAX_VALUE;
        try {
            for (int round = 0; round <= ROUNDS_MEASURED; round++) {
                long started = System.nanoTime();
                try (InputStream in = Files.newInputStream(plain);
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(sealed),
                             1 << 16)) {
                    OpenPgpEncryptor.encrypt(in, out, List.of(key.publicKey()), key, "bench.tar");
                }
                long encrypted = System.nanoTime();
                try (InputStream in = Files.newInputStream(sealed);
                     OutputStream out = new BufferedOutputStream(Files.newOutputStream(back),
                             1 << 16)) {
                    OpenPgpDecryptor.decrypt(in, out, List.of(key), key.publicKey(),
                            OpenPgpDecryptor.Limits.DEFAULT);
                }
                long decrypted = System.nanoTime();
                if (round > 0) {
                    encrypt = Math.min(encrypt, encrypted - started);
                    decrypt = Math.min(decrypt, decrypted - encrypted);
                }
            }
        } finally {
            Files.deleteIfExists(plain);
            Files.deleteIfExists(sealed);
            Files.deleteIfExists(back);
        }
        return new Cost(bytes, encrypt, decrypt);
    }
}
