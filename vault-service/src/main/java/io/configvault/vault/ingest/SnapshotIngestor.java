package io.configvault.vault.ingest;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.ContentDigest;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.io.Sha256;
import io.configvault.vault.LogFields;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.ConsumedPosition;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.StoredManifest;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.shared.io.TeeOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The per-snapshot pipeline, in this order: enrolled appliance → (already in the catalog? decrypt
 * and verify it in full, then done) → decrypt and verify the appliance's signature into a spool
 * while the at-rest encryption, on a second thread, encrypts what was decrypted so far → verify
 * the bundle against its manifest and the manifest's identity against the event → the encrypted
 * file, used only now that every check passed → the Object Lock
 * to write it with, if any ({@link LockTerms}) → create-only PUT with that lock (a 412 is checked
 * by {@link ExistingObjects}; the object in place keeps its own lock) → the appliance's last sign
 * of life (its capture time, with the agent version) → the manifest's entries → catalog row
 * and the partition's consumed position in one transaction → the snapshot request the manifest
 * names, if any, fulfilled ({@link RequestFulfilment}; also on a redelivery of a recorded
 * snapshot). A refusal of an enrolled appliance's event is recorded as its last error. The Kafka
 * offset is committed by the caller only after this returns, so a crash at any step leads to a
 * redelivery that this method makes harmless. Thread-safe when its collaborators are; the loop
 * calls it from one thread.
 */
public final class SnapshotIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotIngestor.class);

    private final Catalog catalog;
    private final FleetCatalog fleet;
    private final BlobStore store;
    private final VaultKeys keys;
    private final Clock clock;
    private final Path spoolDir;
    private final long maxSnapshotBytes;
    private final AtRestWriter atRest;
    private final Sightings sightings;
    private final ExistingObjects existing;
    private final IngestMetrics metrics;
    private final FaultPoint faults;
    private final LockTerms locks;
    private final Refusals refusals;
    private final RequestFulfilment fulfilment;

    /**
     * @param fleet     where manifests, agent versions and refusals are recorded
     * @param retriever checks an object that a create-only PUT finds in place
     * @param metrics   where alarms are counted
     */
    public SnapshotIngestor(Catalog catalog, FleetCatalog fleet, BlobStore store, VaultKeys keys,
                            Clock clock, Path spoolDir, long maxSnapshotBytes,
                            SnapshotRetriever retriever, IngestMetrics metrics) {
        this(catalog, fleet, store, keys, clock, spoolDir, maxSnapshotBytes, retriever, metrics,
                FaultPoint.NONE, LockTerms.NONE);
    }

    /** @param locks the Object Lock of new objects ({@link LockTerms#NONE}: none) */
    SnapshotIngestor(Catalog catalog, FleetCatalog fleet, BlobStore store, VaultKeys keys,
                     Clock clock, Path spoolDir, long maxSnapshotBytes,
                     SnapshotRetriever retriever, IngestMetrics metrics, FaultPoint faults,
                     LockTerms locks) {
        this(catalog, fleet, store, keys, clock, spoolDir, maxSnapshotBytes, retriever, metrics,
                faults, locks, RequestFulfilment.NONE);
    }

    /** @param fulfilment marks the snapshot requests that stored snapshots name */
    SnapshotIngestor(Catalog catalog, FleetCatalog fleet, BlobStore store, VaultKeys keys,
                     Clock clock, Path spoolDir, long maxSnapshotBytes,
                     SnapshotRetriever retriever, IngestMetrics metrics, FaultPoint faults,
                     LockTerms locks, RequestFulfilment fulfilment) {
        this.fulfilment = fulfilment;
        this.catalog = catalog;
        this.fleet = fleet;
        this.store = store;
        this.keys = keys;
        this.clock = clock;
        this.spoolDir = spoolDir;
        this.maxSnapshotBytes = maxSnapshotBytes;
        this.atRest = new AtRestWriter(keys, store.partLayout());
        this.sightings = new Sightings(catalog, fleet, clock);
        this.refusals = new Refusals(fleet, clock);
        this.existing = new ExistingObjects(store, retriever, metrics);
        this.metrics = metrics;
        this.faults = faults;
        this.locks = locks;
    }

    /**
     * @param after the partition's consumed position once this snapshot is stored, recorded
     *              with its catalog row
     * @return {@link IngestOutcome.Stored}, {@link IngestOutcome.Duplicate} or
     *         {@link IngestOutcome.Refused} with the quarantine category and reason
     * @throws TransientIngestException when the bucket, the catalog or the spool fails; the
     *                                  catalog row and position are then unchanged
     */
    public IngestOutcome ingest(AssembledSnapshot sealed, ConsumedPosition after)
            throws TransientIngestException {
        String what = "snapshot " + sealed.snapshotId() + " of appliance " + sealed.applianceId();
        Path bundle = spoolDir.resolve(sealed.snapshotId() + ".tar");
        Path stored = spoolDir.resolve(sealed.snapshotId() + ".tar.pgp");
        try {
            Optional<Appliance> appliance = catalog.appliance(sealed.applianceId());
            if (appliance.isEmpty()) {
                return refuse(what, sealed, RefusalCategory.UNKNOWN_APPLIANCE,
                        "appliance " + sealed.applianceId() + " is not enrolled");
            }
            MDC.put(LogFields.FLEET, appliance.get().fleet());
            MessageDigest bundleDigest = Sha256.newDigest();
            Optional<SnapshotRecord> row = catalog.recorded(sealed.snapshotId());
            try {
                if (row.isPresent()) {
                    // A redelivery: verified in full like any event, never encrypted again.
                    Manifest manifest = decryptAndVerify(sealed, appliance.get(), bundle,
                            bundleDigest, OutputStream.nullOutputStream());
                    return duplicate(what, manifest, row.get(), Sha256.hex(bundleDigest));
                }
                Verified verified = decryptVerifyAndEncrypt(sealed, appliance.get(), bundle,
                        bundleDigest, stored);
                SnapshotRecord record = locks.apply(SnapshotRecords.of(verified.manifest,
                        appliance.get().fleet(), Files.size(bundle), Sha256.hex(bundleDigest),
                        verified.written, clock.instant()));
                return store(what, verified.manifest, record, stored, verified.written, after);
            } catch (Refusal refusal) {
                return refuse(what, sealed, refusal.category, refusal.getMessage());
            }
        } catch (CatalogException e) {
            throw new TransientIngestException("Cannot ingest " + what + ": " + e.getMessage(), e);
        } catch (StoreUnavailableException e) {
            throw new TransientIngestException("Cannot ingest " + what + ": " + e.getMessage(), e);
        } catch (StoreException e) {
            // Refusals such as 403 will not pass by themselves, but they are the vault's fault,
            // not the snapshot's: keep retrying (and alerting) rather than quarantining.
            throw new TransientIngestException("Cannot ingest " + what + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new TransientIngestException("Cannot ingest " + what + ": spool I/O failed ("
                    + e.getMessage() + ")", e);
        } finally {
            MDC.remove(LogFields.FLEET);
            deleteQuietly(bundle);
            deleteQuietly(stored);
        }
    }

    /** A stored (or already stored) snapshot is the appliance's sign of life at its capture. */
    private void seen(Manifest manifest) throws CatalogException {
        sightings.record(manifest.applianceId(), manifest.capturedAt(), manifest.snapshotId(),
                ContentDigest.of(manifest), manifest.agentVersion());
    }

    /** A snapshot that can never be stored; the message is the quarantine reason. */
    private static final class Refusal extends Exception {
        final RefusalCategory category;

        Refusal(RefusalCategory category, String reason) {
            super(reason, null, false, false);
            this.category = category;
        }
    }

    /** A snapshot decrypted and verified in full, and encrypted at rest into the spool. */
    private record Verified(Manifest manifest, AtRestWriter.Written written) {
    }

    /**
     * Decrypts and verifies while the at-rest encryption, on a thread of its own, encrypts what
     * was decrypted so far: the two passes overlap. The encrypted file is only used once every
     * check passed.
     */
    private Verified decryptVerifyAndEncrypt(AssembledSnapshot sealed, Appliance appliance,
                                             Path bundle, MessageDigest bundleDigest,
                                             Path stored) throws IOException, Refusal {
        try (AtRestWriter.Encryption encryption = atRest.start(stored, sealed.snapshotId())) {
            Manifest manifest;
            try {
                manifest = decryptAndVerify(sealed, appliance, bundle, bundleDigest,
                        encryption.plaintext());
            } catch (IOException e) {
                throw encryption.failureOr(e);
            }
            return new Verified(manifest, encryption.finish());
        }
    }

    /**
     * @param bundleDigest takes the SHA-256 of the decrypted bundle in the decryption's pass
     *                     (meaningful only when this returns: decrypted and verified in full)
     * @param copy         also receives the decrypted bundle as it is decrypted (the at-rest
     *                     encryption); what it got is only trustworthy when this returns
     */
    private Manifest decryptAndVerify(AssembledSnapshot sealed, Appliance appliance, Path bundle,
                                      MessageDigest bundleDigest, OutputStream copy)
            throws IOException, Refusal {
        PgpPublicKey signer;
        try {
            signer = OpenPgpKeys.readPublicKey(appliance.publicKey());
        } catch (OpenPgpException e) {
            throw new Refusal(RefusalCategory.SIGNATURE, "the enrolled key of appliance "
                    + appliance.id() + " is unusable: " + e.getMessage());
        }
        try (InputStream in = Files.newInputStream(sealed.sealedFile());
             OutputStream out = new TeeOutputStream(new DigestOutputStream(
                     new BufferedOutputStream(Files.newOutputStream(bundle), 1 << 16),
                     bundleDigest), copy)) {
            OpenPgpDecryptor.decrypt(in, out, List.of(keys.ingest()), signer,
                    new OpenPgpDecryptor.Limits(maxSnapshotBytes, 16));
        } catch (OpenPgpException e) {
            throw new Refusal(RefusalCategory.of(e.reason()), e.getMessage());
        }
        Manifest manifest;
        try (InputStream in = Files.newInputStream(bundle)) {
            manifest = BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
        } catch (BundleFormatException e) {
            throw new Refusal(RefusalCategory.MALFORMED, "bundle refused: " + e.getMessage());
        }
        Optional<String> problem = identityProblem(sealed, appliance, manifest);
        if (problem.isPresent()) {
            throw new Refusal(RefusalCategory.IDENTITY, problem.get());
        }
        return manifest;
    }

    /** The signed manifest must name what the event claims, or ciphertexts could be swapped. */
    private static Optional<String> identityProblem(AssembledSnapshot sealed, Appliance appliance,
                                                    Manifest manifest) {
        if (!manifest.applianceId().equals(sealed.applianceId())) {
            return Optional.of("signed manifest names appliance " + manifest.applianceId()
                    + ", the event " + sealed.applianceId());
        }
        if (!manifest.snapshotId().equals(sealed.snapshotId())) {
            return Optional.of("signed manifest names snapshot " + manifest.snapshotId()
                    + ", the event " + sealed.snapshotId());
        }
        if (!manifest.fleet().equals(appliance.fleet())) {
            return Optional.of("signed manifest names fleet " + manifest.fleet()
                    + ", the appliance is enrolled in " + appliance.fleet());
        }
        return Optional.empty();
    }

    private IngestOutcome duplicate(String what, Manifest manifest, SnapshotRecord row,
                                    String bundleSha256) throws CatalogException {
        if (!row.bundleSha256().equals(bundleSha256)) {
            metrics.alarm(IngestMetrics.Alarm.SNAPSHOT_ID_REUSED);
            LOG.error("ALARM: {} arrived again with different content than the stored one; "
                    + "the stored snapshot is kept", what);
            return refusals.record(manifest.applianceId(), new IngestOutcome.Refused(
                    RefusalCategory.INTEGRITY,
                    "snapshot id already stored with different content"));
        }
        LOG.info("{} is already recorded (stored, or being deleted by retention); redelivery"
                + " ignored", what);
        seen(manifest);
        fulfilment.record(manifest, row);
        return new IngestOutcome.Duplicate(row);
    }

    private IngestOutcome store(String what, Manifest manifest, SnapshotRecord attempted,
                                Path file, AtRestWriter.Written written, ConsumedPosition after)
            throws StoreException, CatalogException, IOException {
        BlobStore.PutOutcome put = store.createWithDigests(attempted.objectKey(), file,
                written.md5(), ObjectMetadata.of(attempted), LockTerms.request(attempted));
        faults.reach(FaultPoint.AFTER_PUT);
        SnapshotRecord record = attempted;
        if (put instanceof BlobStore.PutOutcome.AlreadyExists) {
            switch (existing.check(what, attempted)) {
                case ExistingObjects.Verdict.Same same -> record = same.row();
                case ExistingObjects.Verdict.Differs differs -> {
                    return refusals.record(manifest.applianceId(), new IngestOutcome.Refused(
                            RefusalCategory.INTEGRITY, differs.reason()));
                }
            }
        }
        // The sign of life and the manifest first: only the row can still fail, and only
        // transiently, so a retry repeats them (both idempotent); the row and the position last,
        // together, just before the caller commits. Manifest rows without a snapshot row (a
        // crash here) are never read.
        seen(manifest);
        fleet.putManifest(record.id(), StoredManifest.of(manifest));
        if (!catalog.insert(record, after)) {
            LOG.info("{} was recorded meanwhile by another writer; nothing more to do", what);
            fulfilment.record(manifest, record);
            return new IngestOutcome.Duplicate(record);
        }
        // Right after the row: a crash before this line redelivers the snapshot, which finds
        // its row and fulfils in duplicate().
        fulfilment.record(manifest, record);
        LOG.info("Stored {} ({} bytes at rest)", what, record.storedBytes());
        return new IngestOutcome.Stored(record);
    }

    private IngestOutcome refuse(String what, AssembledSnapshot sealed, RefusalCategory category,
                                 String reason) throws CatalogException {
        LOG.warn("Refused {} ({}): {}", what, category.tag(), reason);
        return refusals.record(sealed.applianceId(), new IngestOutcome.Refused(category, reason));
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("Cannot delete spool file {}: {}", file.getFileName(), e.getMessage());
        }
    }
}
