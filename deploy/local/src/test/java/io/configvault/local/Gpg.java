package io.configvault.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real {@code gpg} binary, in a throwaway home directory. */
final class Gpg {

    private Gpg() {
    }

    /**
     * Imports the escrow secret key and the signer's public key, and decrypts {@code ciphertext}
     * as an operator would; gpg fails unless the signature verifies.
     */
    static byte[] decrypt(Path home, Path secretKey, Path passphraseFile, Path signerKey,
                          byte[] ciphertext) throws IOException, InterruptedException {
        Files.createDirectories(home);
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        try {
            run(home, null, "--batch", "--pinentry-mode", "loopback", "--passphrase-file",
                    passphraseFile.toString(), "--import", secretKey.toString());
            run(home, null, "--batch", "--import", signerKey.toString());
            Path in = home.resolve("object.pgp");
            Files.write(in, ciphertext);
            Path out = home.resolve("object.tar");
            run(home, null, "--batch", "--pinentry-mode", "loopback", "--passphrase-file",
                    passphraseFile.toString(), "--output", out.toString(), "--decrypt",
                    in.toString());
            return Files.readAllBytes(out);
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                    .start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(Path home, Path stdin, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
        command.addAll(List.of(args));
        Path log = home.resolve("gpg.log");
        Process gpg = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!gpg.waitFor(60, TimeUnit.SECONDS) || gpg.exitValue() != 0) {
            gpg.destroyForcibly();
            throw new IllegalStateException("gpg " + String.join(" ", args) + " failed:\n"
                    + Files.readString(log));
        }
    }
}
