package io.configvault.bench.jmh;

import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpSecretKey;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/**
 * What the micro-benchmarks set up before they measure: files of incompressible bytes (a
 * seeded generator: the same bytes each run, as compressible as real encrypted or packed
 * configuration, i.e. not at all) and OpenPGP keys made as the services make theirs.
 */
public final class BenchFiles {

    private BenchFiles() {
    }

    /** Writes {@code bytes} pseudo-random bytes to {@code file}. */
    public static Path random(Path file, long bytes) throws IOException {
        Random random = new Random(bytes);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = bytes; left > 0; left -= chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        }
        return file;
    }

    /** A fresh key pair, unlocked. */
    public static PgpSecretKey key(String name) throws OpenPgpException {
        char[] passphrase = "jmh-only-in-memory".toCharArray();
        var generated = OpenPgpKeys.generate("ConfigVault JMH " + name, passphrase);
        return OpenPgpKeys.readSecretKey(generated.armoredSecretKey(), passphrase);
    }

    /** Deletes {@code dir} and everything under it. */
    public static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
