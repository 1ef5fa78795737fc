package io.configvault.vault.retrieve;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches and verifies a stored snapshot: the object must decrypt with the storage key, carry the
 * storage key's signature, hash to the bundle digest in the catalog, read as a valid bundle, and
 * name the catalog's appliance and snapshot id (so swapped objects are caught). Thread-safe.
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
     * @throws IntegrityException when any check fails (nothing is released)
     * @throws StoreException     when the bucket cannot be read
     */
    public VerifiedBundle retrieve(SnapshotRecord snapshot)
            throws IntegrityException, StoreException, IOException {
        Files.createDirectories(spool);
        Path stored = Files.createTempFile(spool, "get-", ".pgp");
        Path bundle = Files.createTempFile(spool, "get-", ".tar");
        try {
            store.download(snapshot.objectKey(), stored);
            decrypt(snapshot, stored, bundle);
            Manifest manifest = verify(snapshot, bundle);
            return new VerifiedBundle(manifest, bundle, Files.size(bundle));
        } catch (IntegrityException | StoreException | IOException | RuntimeException e) {
            Files.deleteIfExists(bundle);
            throw e;
        } finally {
            Files.deleteIfExists(stored);
        }
    }

    private void decrypt(SnapshotRecord snapshot, Path stored, Path bundle)
            throws IntegrityException, IOException {
        try (InputStream in = Files.newInputStream(stored);
             OutputStream out = Files.newOutputStream(bundle)) {
            OpenPgpDecryptor.decrypt(in, out, List.of(keys.storage()), keys.storage().publicKey(),
                    new OpenPgpDecryptor.Limits(maxBytes, 32));
        } catch (OpenPgpException e) {
            throw fail(snapshot, e.getMessage(), e);
        }
    }

    private static Manifest verify(SnapshotRecord snapshot, Path bundle)
            throws IntegrityException, IOException {
        if (!Sha256.of(bundle).equals(snapshot.bundleSha256())) {
            throw fail(snapshot, "bundle digest differs from the catalog", null);
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(bundle)) {
            manifest = BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
        } catch (BundleFormatException e) {
            throw fail(snapshot, e.getMessage(), e);
        }
        if (!manifest.snapshotId().equals(snapshot.id())
                || !manifest.applianceId().equals(snapshot.applianceId())) {
            throw fail(snapshot, "object holds another snapshot than the catalog says", null);
        }
        return manifest;
    }

    private static IntegrityException fail(SnapshotRecord snapshot, String reason, Throwable e) {
        LOG.error("ALARM: stored snapshot {} of appliance {} failed verification: {}",
                snapshot.id(), snapshot.applianceId(), reason);
        return new IntegrityException("Snapshot " + snapshot.id() + " failed verification: "
                + reason, e);
    }
}
