package io.configvault.bench;

import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The run's OpenPGP keys under {@code <dir>}, made with the shared OpenPGP code as the services
 * make theirs: the vault's ingest and storage keys and each simulated appliance's signing key,
 * all protected by one random passphrase (a file of mode 0600).
 */
final class BenchKeys {

    private final Path dir;
    private final char[] passphrase;

    private BenchKeys(Path dir, char[] passphrase) {
        this.dir = dir;
        this.passphrase = passphrase;
    }

    /** Creates the directory, the passphrase file and the vault's two keys. */
    static BenchKeys create(Path dir) throws IOException {
        Files.createDirectories(dir);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String passphrase = HexFormat.of().formatHex(random);
        Path file = dir.resolve("passphrase");
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, passphrase);
        BenchKeys keys = new BenchKeys(dir, passphrase.toCharArray());
        keys.generate("vault-ingest");
        keys.generate("vault-storage");
        return keys;
    }

    /** Generates {@code name}'s key pair, writes both files and returns the secret key. */
    PgpSecretKey generate(String name) throws IOException {
        var key = OpenPgpKeys.generate("ConfigVault bench " + name, passphrase);
        Files.writeString(secretKeyFile(name), key.armoredSecretKey());
        Files.writeString(publicKeyFile(name), key.armoredPublicKey());
        try {
            return OpenPgpKeys.readSecretKey(key.armoredSecretKey(), passphrase);
        } catch (io.configvault.shared.crypto.OpenPgpException e) {
            throw new IOException("Cannot read back the key just generated for " + name + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code name}'s secret key, unlocked, as the services read it. */
    PgpSecretKey secretKey(String name) throws IOException {
        try {
            return OpenPgpKeys.readSecretKey(Files.readString(secretKeyFile(name)), passphrase);
        } catch (io.configvault.shared.crypto.OpenPgpException e) {
            throw new IOException("Cannot read " + secretKeyFile(name) + ": " + e.getMessage(), e);
        }
    }

    /** {@code name}'s public key as the services read it. */
    PgpPublicKey publicKey(String name) throws IOException {
        try {
            return OpenPgpKeys.readPublicKey(Files.readString(publicKeyFile(name)));
        } catch (io.configvault.shared.crypto.OpenPgpException e) {
            throw new IOException("Cannot read " + publicKeyFile(name) + ": " + e.getMessage(), e);
        }
    }

    Path secretKeyFile(String name) {
        return dir.resolve(name + ".secret.asc");
    }

    Path publicKeyFile(String name) {
        return dir.resolve(name + ".public.asc");
    }

    Path passphraseFile() {
        return dir.resolve("passphrase");
    }
}
