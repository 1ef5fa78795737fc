package io.configvault.vault.retrieve;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreReadException;
import jakarta.inject.Singleton;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches and verifies a stored snapshot: the object must hash to the stored digest in the
 * catalog, decrypt with the storage key the catalog names for it (the current one or a previous
 * one, see {@link VaultKeys}), carry that key's signature, hash to the bundle digest in the
 * catalog, read as a valid bundle, and name the catalog's appliance and snapshot id (so swapped
 * objects are caught).
 *
 * <p>One pass over the object as it arrives from the store: it is hashed and decrypted at once,
 * and the plaintext is hashed as it is written to a spool file (mode 0600); nothing of the
 * object is kept. The object digest is checked as well as the OpenPGP ones: the session key
 * packets of the escrow recipients are outside every OpenPGP integrity check, so damage to them
 * would otherwise go unnoticed here and only show when an escrow holder needs the object. When
 * decryption fails, the rest of the object is still read and hashed, so that a damaged object
 * is reported as such rather than by whichever OpenPGP check it happened to trip.
 *
 * <p>The plaintext is handed out only after every check passed; on any failure the spool file
 * is deleted before the exception leaves. A store failure in the middle of the object is a
 * {@link StoreException}, like one before its first byte. Thread-safe.
 */
@Singleton
public final class SnapshotRetriever {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotRetriever.class);

    private final BlobStore store;
    private final VaultKeys keys;
    private final Path spool;
    private final long maxBytes;

    public SnapshotRetriever(BlobStore store, VaultKeys keys, StorageSettings settings) {
        this.store = store;
        this.keys = keys;
        this.spool = settings.spoolDir();
        this.maxBytes = settings.maxSnapshotBytes();
    }

    /**
     * @throws StorageKeyUnavailableException when the object's storage key is not configured
     *                                        (nothing is downloaded)
     * @throws IntegrityException             when any check fails (nothing is released)
     * @throws StoreException                 when the bucket cannot be read
     */
    public VerifiedBundle retrieve(SnapshotRecord snapshot)
            throws IntegrityException, StoreException, IOException {
        PgpSecretKey key = storageKey(snapshot);
        Files.createDirectories(spool);
        Path bundle = Files.createTempFile(spool, "get-", ".tar");
        try {
            fetch(snapshot, key, bundle);
            Manifest manifest = verify(snapshot, bundle);
            return new VerifiedBundle(manifest, bundle, Files.size(bundle));
        } catch (IntegrityException | StoreException | IOException | RuntimeException e) {
            Files.deleteIfExists(bundle);
            throw e;
        }
    }

    /**
     * The manifest of a stored snapshot, read from its object: the same checks as
     * {@link #retrieve}. Nothing of the bundle is kept.
     *
     * @throws StorageKeyUnavailableException when the object's storage key is not configured
     * @throws IntegrityException             when any check fails
     * @throws StoreException                 when the bucket cannot be read
     */
    public Manifest manifest(SnapshotRecord snapshot)
            throws IntegrityException, StoreException, IOException {
        PgpSecretKey key = storageKey(snapshot);
        Files.createDirectories(spool);
        Path bundle = Files.createTempFile(spool, "manifest-", ".tar");
        try {
            fetch(snapshot, key, bundle);
            return verify(snapshot, bundle);
        } finally {
            Files.deleteIfExists(bundle);
        }
    }

    /** The storage key that wrote the object, by the fingerprint recorded with it. */
    private PgpSecretKey storageKey(SnapshotRecord snapshot) throws StorageKeyUnavailableException {
        return keys.storageKey(snapshot.storageKey()).orElseThrow(() -> {
            String message = "Cannot read snapshot " + snapshot.id() + " of appliance "
                    + snapshot.applianceId() + ": it is encrypted to storage key "
                    + snapshot.storageKey() + ", which is not configured (the vault has "
                    + keys.storageFingerprints() + "); add that key's secret key file to"
                    + " vault.keys.previous-storage-secret-key-files, or recover the object with"
                    + " an escrow key";
            LOG.error(message);
            return new StorageKeyUnavailableException(message, snapshot.storageKey());
        });
    }

    /**
     * Streams the object from the store into {@code bundle}, decrypting with exactly the
     * recorded key, whose signature is the only one accepted: an object written under one key
     * and relabelled as another's fails here. The object must hash to the catalog's stored
     * digest and the plaintext to its bundle digest; both are computed on the way through.
     */
    private void fetch(SnapshotRecord snapshot, PgpSecretKey key, Path bundle)
            throws IntegrityException, StoreException, IOException {
        MessageDigest objectDigest = Sha256.newDigest();
        MessageDigest bundleDigest = Sha256.newDigest();
        try (InputStream object = new DigestInputStream(store.open(snapshot.objectKey()),
                objectDigest);
             OutputStream out = new DigestOutputStream(new BufferedOutputStream(
                     Files.newOutputStream(bundle), 64 * 1024), bundleDigest)) {
            try {
                OpenPgpDecryptor.decrypt(object, out, List.of(key), key.publicKey(),
                        new OpenPgpDecryptor.Limits(maxBytes,
                                OpenPgpDecryptor.Limits.DEFAULT.maxRecipients()));
            } catch (OpenPgpException e) {
                object.transferTo(OutputStream.nullOutputStream());
                requireStoredDigest(snapshot, objectDigest);
                throw fail(snapshot, e.getMessage(), e);
            }
            requireStoredDigest(snapshot, objectDigest);
        } catch (StoreReadException e) {
            throw e.storeFailure();
        }
        if (!Sha256.hex(bundleDigest).equals(snapshot.bundleSha256())) {
            throw fail(snapshot, "bundle digest differs from the catalog", null);
        }
    }

    private static void requireStoredDigest(SnapshotRecord snapshot, MessageDigest objectDigest)
            throws IntegrityException {
        if (!Sha256.hex(objectDigest).equals(snapshot.storedSha256())) {
            throw fail(snapshot, "integrity check failed: object digest differs from the"
                    + " catalog", null);
        }
    }

    /**
     * The bundle's manifest, which must name the catalog's snapshot and appliance. Only the
     * manifest is parsed: the bundle digest, already checked, is the one recorded when ingest
     * verified every entry against the manifest, so the same bytes need no second check.
     */
    private static Manifest verify(SnapshotRecord snapshot, Path bundle)
            throws IntegrityException, IOException {
        Manifest manifest;
        try (InputStream in = Files.newInputStream(bundle)) {
            manifest = BundleReader.readManifest(in, BundleLimits.DEFAULT);
        } catch (BundleFormatException e) {
            throw fail(snapshot, e.getMessage(), e);
        }
        requireIdentity(snapshot, manifest);
        return manifest;
    }

    private static void requireIdentity(SnapshotRecord snapshot, Manifest manifest)
            throws IntegrityException {
        if (!manifest.snapshotId().equals(snapshot.id())
                || !manifest.applianceId().equals(snapshot.applianceId())) {
            throw fail(snapshot, "object holds another snapshot than the catalog says", null);
        }
    }

    private static IntegrityException fail(SnapshotRecord snapshot, String reason, Throwable e) {
        LOG.error("ALARM: stored snapshot {} of appliance {} failed verification: {}",
                snapshot.id(), snapshot.applianceId(), reason);
        return new IntegrityException("Snapshot " + snapshot.id() + " failed verification: "
                + reason, e);
    }
}
