package io.configvault.images;

import io.configvault.shared.crypto.OpenPgpKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Host directories mounted into a service container the way the deployment guides do: its
 * configuration directory ({@code /etc/configvault}, read-only, the keys and secrets under
 * {@code secrets/} readable by the service user only) and its state volume (owned by 65532).
 */
final class ServiceFiles {

    static final int UID = 65532;

    private final Path etc;

    ServiceFiles(Path etc) throws IOException {
        this.etc = Files.createDirectories(etc);
        Path secrets = Files.createDirectories(etc.resolve("secrets"));
        Files.setAttribute(secrets, "unix:gid", UID);
        Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rwxr-x---"));
    }

    Path etc() {
        return etc;
    }

    /** Writes {@code /etc/configvault/<name>} (world-readable: configuration holds no secret). */
    void config(String name, String content) throws IOException {
        Files.writeString(etc.resolve(name), content);
    }

    /** Writes {@code /etc/configvault/secrets/<name>}, readable by the service user only. */
    void secret(String name, String content) throws IOException {
        Path file = etc.resolve("secrets").resolve(name);
        Files.writeString(file, content);
        Files.setAttribute(file, "unix:uid", UID);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
    }

    /** Generates a key pair: its secret key under {@code secrets/}, returns the public one. */
    String keyPair(String name, String passphrase) throws IOException {
        OpenPgpKeys.GeneratedKey key = OpenPgpKeys.generate("ConfigVault image test " + name,
                passphrase.toCharArray());
        secret(name + ".secret.asc", key.armoredSecretKey());
        return key.armoredPublicKey();
    }

    /** The armored public key of a fresh key pair whose secret is thrown away. */
    static String publicKey(String name) {
        return OpenPgpKeys.generate("ConfigVault image test " + name, "unused".toCharArray())
                .armoredPublicKey();
    }

    /** A state volume: an empty host directory owned by the service user, mode 0700. */
    static Path stateVolume(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setAttribute(dir, "unix:uid", UID);
        Files.setAttribute(dir, "unix:gid", UID);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
