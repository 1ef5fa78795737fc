package io.configvault.local.fleet;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A decompression bomb in OpenPGP, made by stock {@code gpg}: gigabytes of zeros in a ZLIB
 * compressed data packet, encrypted to the vault's ingest key and properly signed by an
 * enrolled appliance's key — what {@code gpg --sign --encrypt -z 9} writes when told to
 * compress. Each segment is small; only inflating it would be large.
 */
final class GpgBomb {

    private GpgBomb() {
    }

    /**
     * @param signerKey  the appliance's armored secret key (unlocked with {@code passphrase})
     * @param ingestKey  the vault's armored ingest public key
     * @param zeroBytes  how many zeros the compressed packet inflates to
     * @return the sealed message
     */
    static Path seal(Path dir, Path signerKey, Path passphrase, Path ingestKey, String signer,
                     long zeroBytes) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("gpg-home"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        Path out = dir.resolve("bomb.pgp");
        try {
            gpg(home, null, "--batch", "--import", ingestKey.toString());
            gpg(home, null, "--batch", "--pinentry-mode", "loopback", "--passphrase-file",
                    passphrase.toString(), "--import", signerKey.toString());
            gpg(home, zeroBytes, "--batch", "--yes", "--pinentry-mode", "loopback",
                    "--passphrase-file", passphrase.toString(), "--trust-model", "always",
                    "--compress-algo", "zlib", "-z", "9", "--local-user", signer,
                    "--recipient", "vault-ingest", "--output", out.toString(), "--sign",
                    "--encrypt");
            return out;
        } finally {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent")
                    .start().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Runs gpg; with {@code zeros} not null, feeds that many zero bytes to its stdin. */
    private static void gpg(Path home, Long zeros, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString()));
        command.addAll(List.of(args));
        Path log = home.resolve("gpg.log");
        Process gpg = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try (OutputStream stdin = gpg.getOutputStream()) {
            byte[] block = new byte[1 << 20];
            for (long left = zeros == null ? 0 : zeros; left > 0; left -= block.length) {
                stdin.write(block, 0, (int) Math.min(block.length, left));
            }
        }
        if (!gpg.waitFor(120, TimeUnit.SECONDS) || gpg.exitValue() != 0) {
            gpg.destroyForcibly();
            throw new IllegalStateException("gpg " + String.join(" ", args) + " failed:\n"
                    + Files.readString(log));
        }
    }
}
