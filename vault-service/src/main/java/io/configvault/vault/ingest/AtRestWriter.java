package io.configvault.vault.ingest;

import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.ContentMd5;
import io.configvault.vault.store.PartMd5Stream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

/**
 * Encrypts a verified bundle for storage: OpenPGP to the storage key and every escrow key, signed
 * by the storage key, with a fresh session key each time. Computes the SHA-256 (catalog) and the
 * Content-MD5 values of the upload (of the whole file or of each part, as the store will upload
 * it: {@link PartMd5Stream}) of the ciphertext in the same pass, so nothing reads it again
 * before the upload.
 */
final class AtRestWriter {

    record Written(long bytes, String sha256, ContentMd5 md5, String storageKey) {
    }

    private final VaultKeys keys;
    private final ContentMd5.PartLayout layout;

    /** @param layout how the store uploads files, for the Content-MD5 values to compute */
    AtRestWriter(VaultKeys keys, ContentMd5.PartLayout layout) {
        this.keys = keys;
        this.layout = layout;
    }

    Written write(Path bundle, Path target, SnapshotId id) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        PartMd5Stream md5;
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream file = new BufferedOutputStream(Files.newOutputStream(target), 1 << 16);
             PartMd5Stream digests = new PartMd5Stream(new DigestOutputStream(file, sha256),
                     layout)) {
            md5 = digests;
            OpenPgpEncryptor.encrypt(in, digests, keys.atRestRecipients(), keys.storage(),
                    id + ".tar");
        } catch (OpenPgpException e) {
            // Our own keys failed: not the snapshot's fault, so never a quarantine.
            throw new IOException("Cannot encrypt snapshot " + id + " at rest: " + e.getMessage(), e);
        }
        return new Written(Files.size(target), Sha256.hex(sha256), md5.digests(),
                keys.storage().fingerprint());
    }
}
