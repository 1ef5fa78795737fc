package io.configvault.shared.crypto;

import io.configvault.shared.io.Sha256;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Encrypts a generated plaintext of the given size to a file and decrypts it into a digesting
 * sink, printing digests and throughput. Run in a small heap by
 * {@link OpenPgpBoundedMemoryTest}; run by hand as the benchmark:
 *
 * <pre>
 * java -Xmx32m -cp target/test-classes:target/classes:$(deps) \
 *     io.configvault.shared.crypto.StreamingRoundTrip 67108864 /tmp
 * </pre>
 */
final class StreamingRoundTrip {

    private static final double MIB = 1024.0 * 1024.0;

    private StreamingRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        Path dir = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        TestKeys.Key appliance = TestKeys.appliance();
        TestKeys.Key vault = TestKeys.vault();
        Path ciphertext = Files.createTempFile(dir, "round-trip", ".pgp");
        try {
            Sha256.DigestingSink expected = new Sha256.DigestingSink();
            new PatternInputStream(size, 64).transferTo(expected);
            System.out.println("plaintext-sha256 " + expected.hex());
            for (int round = 1; round <= rounds; round++) {
                long start = System.nanoTime();
                try (InputStream in = new PatternInputStream(size, 64);
                     OutputStream out = Files.newOutputStream(ciphertext)) {
                    OpenPgpEncryptor.encrypt(in, out, List.of(vault.publicKey()),
                            appliance.secretKey(), "snapshot.tar");
                }
                long encrypted = System.nanoTime();
                Sha256.DigestingSink actual = new Sha256.DigestingSink();
                OpenPgpDecryptor.Decrypted decrypted;
                try (InputStream in = Files.newInputStream(ciphertext)) {
                    decrypted = OpenPgpDecryptor.decrypt(in, actual, List.of(vault.secretKey()),
                            appliance.publicKey(), OpenPgpDecryptor.Limits.DEFAULT);
                }
                long done = System.nanoTime();
                System.out.println("decrypted-sha256 " + actual.hex());
                System.out.println("decrypted-bytes " + decrypted.plaintextBytes());
                System.out.printf("round %d: encrypt %.0f MiB/s, decrypt %.0f MiB/s"
                                + " (%d bytes, ciphertext %d bytes, max heap %d MiB)%n",
                        round, size / MIB / ((encrypted - start) / 1e9),
                        size / MIB / ((done - encrypted) / 1e9), size, Files.size(ciphertext),
                        Runtime.getRuntime().maxMemory() >> 20);
            }
        } finally {
            Files.deleteIfExists(ciphertext);
        }
    }
}
