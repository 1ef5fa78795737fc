package io.configvault.vault.verify;

import io.configvault.vault.LogFields;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.catalog.Verification;
import io.configvault.vault.catalog.Verification.Outcome;
import io.configvault.vault.catalog.VerificationLog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.retrieve.VerifiedBundle;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One restore drill: fetch the stored object, decrypt it, check the storage signature, the
 * bundle digest and the manifest's identity against the catalog ({@link SnapshotRetriever}),
 * read every entry against its SHA-256 and run {@code PRAGMA integrity_check} on every entry
 * that came from a SQLite source ({@link EntryInspection}) — then record the result with its
 * evidence in the catalog, count it and, when it failed, raise an alarm in the log. Plaintext
 * lives only in spool files that are deleted before this returns. Thread-safe.
 */
@Singleton
public final class SnapshotVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotVerifier.class);

    private final SnapshotRetriever retriever;
    private final BlobStore store;
    private final Catalog catalog;
    private final VerificationLog log;
    private final VerificationMetrics metrics;
    private final Clock clock;
    private final Path spool;

    /** @param catalog where a snapshot whose object is missing is looked up again */
    public SnapshotVerifier(SnapshotRetriever retriever, BlobStore store, Catalog catalog,
                            VerificationLog log, VerificationMetrics metrics,
                            StorageSettings settings, Clock clock) {
        this.retriever = retriever;
        this.store = store;
        this.catalog = catalog;
        this.log = log;
        this.metrics = metrics;
        this.clock = clock;
        this.spool = settings.spoolDir();
    }

    /**
     * Verifies the snapshot and records the outcome, {@code ok} or {@code failed}. A failure of
     * the snapshot (altered, swapped, missing or unreadable object, corrupt SQLite entry) is an
     * outcome, not an exception.
     *
     * @throws StoreUnavailableException the bucket cannot be reached: nothing was verified or
     *                                   recorded; try again later
     * @throws IOException               the vault's own spool failed: nothing recorded
     * @throws CatalogException          the outcome could not be recorded (it is still logged)
     * @throws SnapshotGoneException     the object is missing because retention deleted the
     *                                   snapshot meanwhile: nothing recorded
     */
    public Verification verify(SnapshotRecord snapshot, Verification.Trigger trigger)
            throws StoreUnavailableException, IOException, CatalogException,
            SnapshotGoneException {
        try (var fields = LogFields.of(snapshot.applianceId(), snapshot.id().toString(),
                snapshot.fleet())) {
            return verifyLogged(snapshot, trigger);
        }
    }

    private Verification verifyLogged(SnapshotRecord snapshot, Verification.Trigger trigger)
            throws StoreUnavailableException, IOException, CatalogException,
            SnapshotGoneException {
        Checked checked = check(snapshot);
        Verification verification = new Verification(snapshot.id(), clock.instant(),
                checked.outcome(), trigger, checked.evidence());
        if (verification.ok()) {
            LOG.info("Snapshot {} of appliance {} verified ({}): {}", snapshot.id(),
                    snapshot.applianceId(), trigger.wireName(), verification.evidence());
        } else if (!checked.alarmed()) {
            LOG.error("ALARM: snapshot {} of appliance {} failed verification: {}",
                    snapshot.id(), snapshot.applianceId(), checked.reason());
        }
        try {
            log.recordVerification(verification);
        } finally {
            metrics.recorded(verification);
        }
        return verification;
    }

    /**
     * @param alarmed whether the alarm was logged already ({@link SnapshotRetriever} logs one
     *                for every integrity failure, downloads included)
     */
    private record Checked(Outcome outcome, String evidence, String reason, boolean alarmed) {
        static Checked failed(String reason, boolean alarmed) {
            return new Checked(Outcome.FAILED, reason, reason, alarmed);
        }
    }

    private Checked check(SnapshotRecord snapshot)
            throws StoreUnavailableException, IOException, CatalogException,
            SnapshotGoneException {
        Files.createDirectories(spool);
        VerifiedBundle bundle;
        try {
            bundle = retriever.retrieve(snapshot);
        } catch (IntegrityException e) {
            return Checked.failed(reason(snapshot, e), true);
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException e) {
            return Checked.failed(unreadable(snapshot), false);
        }
        EntryInspection.Report report = EntryInspection.inspect(bundle, spool);
        String evidence = Evidence.of(snapshot, bundle.size(), report);
        return report.firstCorrupt()
                .map(entry -> new Checked(Outcome.FAILED, evidence, Evidence.sqliteFailure(entry),
                        false))
                .orElseGet(() -> new Checked(Outcome.OK, evidence, null, false));
    }

    /** The retriever's reason without its "Snapshot … failed verification: " preamble. */
    private static String reason(SnapshotRecord snapshot, IntegrityException e) {
        String preamble = "Snapshot " + snapshot.id() + " failed verification: ";
        String message = String.valueOf(e.getMessage());
        return message.startsWith(preamble) ? message.substring(preamble.length()) : message;
    }

    /**
     * Why the object could not be read, without its key (which the store's message names). A
     * missing object of a snapshot no longer in the catalog is retention's deletion (the catalog
     * row goes first, then the object), not damage.
     */
    private String unreadable(SnapshotRecord snapshot)
            throws StoreUnavailableException, CatalogException, SnapshotGoneException {
        boolean missing;
        try {
            missing = store.head(snapshot.objectKey()).isEmpty();
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException e) {
            return "the bucket refuses to serve the stored object";
        }
        if (!missing) {
            return "the bucket refuses to serve the stored object";
        }
        if (catalog.snapshot(snapshot.id()).isEmpty()) {
            throw new SnapshotGoneException("Cannot verify snapshot " + snapshot.id()
                    + " of appliance " + snapshot.applianceId() + ": it was deleted (by"
                    + " retention) while it was being verified");
        }
        return "the stored object is missing from the bucket";
    }
}
