package io.configvault.local;

import io.configvault.shared.crypto.OpenPgpKeys.GeneratedKey;
import io.configvault.shared.crypto.OpenPgpKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's keys, generated once under {@code $CONFIGVAULT_HOME/keys} with mode 0600:
 * the vault's ingest and storage keys and the demo escrow key (DEMO ONLY: its secret is handed to
 * the operator for the escrow recovery walk-through). The demo appliance's key is not here: the
 * agent generates its own and enrols it.
 */
final class StackKeys {

    private final Path dir;

    StackKeys(Path dir) {
        this.dir = dir;
    }

    Path passphraseFile(String owner) {
        return dir.resolve(owner + ".passphrase");
    }

    Path secretKey(String owner) {
        return dir.resolve(owner + ".secret.asc");
    }

    Path publicKey(String owner) {
        return dir.resolve(owner + ".public.asc");
    }

    /** Fingerprint of {@code owner}'s public key. */
    String fingerprint(String owner) throws IOException {
        try {
            return OpenPgpKeys.readPublicKey(Files.readString(publicKey(owner))).fingerprint();
        } catch (io.configvault.shared.crypto.OpenPgpException e) {
            throw new IOException("Cannot read " + publicKey(owner) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Generates {@code owner}'s key pair unless it exists, protected by the passphrase in
     * {@code passphraseFile(passphraseOwner)} (created when missing; several keys may share one).
     */
    void ensure(String owner, String userId, String passphraseOwner) throws IOException {
        Files.createDirectories(dir);
        if (Files.exists(secretKey(owner)) && Files.exists(publicKey(owner))) {
            return;
        }
        Path passphraseFile = passphraseFile(passphraseOwner);
        if (!Files.exists(passphraseFile)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            writePrivate(passphraseFile,
                    Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
        }
        String passphrase = Files.readString(passphraseFile).strip();
        GeneratedKey key = OpenPgpKeys.generate(userId, passphrase.toCharArray());
        writePrivate(secretKey(owner), key.armoredSecretKey());
        Files.writeString(publicKey(owner), key.armoredPublicKey());
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, content);
    }
}
