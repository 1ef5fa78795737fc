package io.configvault.vault.ingest;

import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.keys.VaultKeys;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * Encrypts a verified bundle for storage: OpenPGP to the storage key and every escrow key, signed
 * by the storage key, with a fresh session key each time. Computes the SHA-256 (catalog) and MD5
 * (Content-MD5 of the upload) of the ciphertext in the same pass.
 */
final class AtRestWriter {

    record Written(long bytes, String sha256, String md5Base64, String storageKey) {
    }

    private final VaultKeys keys;

    AtRestWriter(VaultKeys keys) {
        this.keys = keys;
    }

    Written write(Path bundle, Path target, SnapshotId id) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        MessageDigest md5 = md5();
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             OutputStream out = new DigestOutputStream(new DigestOutputStream(file, sha256), md5)) {
            OpenPgpEncryptor.encrypt(in, out, keys.atRestRecipients(), keys.storage(),
                    id + ".tar");
        } catch (OpenPgpException e) {
            // Our own keys failed: not the snapshot's fault, so never a quarantine.
            throw new IOException("Cannot encrypt snapshot " + id + " at rest: " + e.getMessage(), e);
        }
        return new Written(Files.size(target), Sha256.hex(sha256),
                Base64.getEncoder().encodeToString(md5.digest()), keys.storage().fingerprint());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK always has MD5", e);
        }
    }
}
