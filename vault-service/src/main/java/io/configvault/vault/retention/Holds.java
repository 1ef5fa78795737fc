package io.configvault.vault.retention;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.Hold;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.S3Settings;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Operator holds on snapshots: a held snapshot is never deleted by a pass. With Object Lock
 * ({@code vault.s3.object-lock=required}) the object also carries a legal hold, so not even a
 * delete behind the vault's back removes it. The order always errs on the safe side: placing
 * writes the catalog hold first, then the legal hold; releasing lifts the legal hold first, then
 * the catalog hold. A store failure in between leaves the snapshot held in the catalog (the
 * caller says so and may retry: both operations are idempotent). Every change is written to the
 * audit log ({@code hold.place}, {@code hold.release}) before the method returns.
 *
 * <p>Thread-safe: places and releases run one at a time, so a concurrent place and release can
 * not leave the catalog and the legal hold disagreeing.
 */
@Singleton
public final class Holds {

    /** Longest reason, in characters (code points). */
    public static final int MAX_REASON = 500;

    private static final Logger LOG = LoggerFactory.getLogger(Holds.class);

    private final PolicyCatalog catalog;
    private final AuditLog audit;
    private final BlobStore store;
    private final boolean objectLock;
    private final Clock clock;

    @Inject
    public Holds(PolicyCatalog catalog, AuditLog audit, BlobStore store, S3Settings s3,
                 Clock clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.store = store;
        this.objectLock = s3.objectLockRequired();
        this.clock = clock;
    }

    /** What {@link #place} did. */
    public sealed interface Placement {
        /** Held in the catalog (and by a legal hold, with Object Lock). */
        record Placed(Hold hold) implements Placement {
        }

        /** The snapshot is gone or being deleted by a pass; nothing was written. */
        record NotLive() implements Placement {
        }

        /** Held in the catalog, but the store did not set the object's legal hold. */
        record LegalHoldFailed(Hold hold) implements Placement {
        }
    }

    /** What {@link #release} did. */
    public sealed interface Release {
        record Released() implements Release {
        }

        /** There was no hold; nothing changed. */
        record NotHeld() implements Release {
        }

        /** The store did not lift the legal hold; the catalog hold stays. */
        record LegalHoldFailed() implements Release {
        }
    }

    /**
     * Why {@code reason} is not acceptable, or null when it is: 1 to {@value #MAX_REASON}
     * printable characters, not only spaces.
     */
    public static @Nullable String reasonProblem(@Nullable String reason) {
        if (reason == null || reason.isBlank()) {
            return "reason is required";
        }
        if (reason.codePointCount(0, reason.length()) > MAX_REASON) {
            return "reason is longer than " + MAX_REASON + " characters";
        }
        boolean printable = reason.codePoints().allMatch(c -> switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.UNASSIGNED,
                 Character.PRIVATE_USE, Character.LINE_SEPARATOR,
                 Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        });
        return printable ? null : "reason must be printable text (no control characters or"
                + " line breaks)";
    }

    /** {@link #place(SnapshotRecord, String, String, String)} by the vault itself. */
    public Placement place(SnapshotRecord snapshot, String reason, String actor)
            throws CatalogException {
        return place(snapshot, reason, actor, AuditLog.INTERNAL);
    }

    /**
     * Places a hold on a snapshot, or replaces the reason of its hold.
     *
     * @param source where the request comes from (the client's address), for the audit log
     * @throws IllegalArgumentException when {@link #reasonProblem} finds a problem
     */
    public synchronized Placement place(SnapshotRecord snapshot, String reason, String actor,
                                        String source) throws CatalogException {
        String problem = reasonProblem(reason);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        Hold hold = new Hold(snapshot.id(), reason, actor,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        if (!catalog.hold(hold)) {
            return new Placement.NotLive();
        }
        if (objectLock && !legalHold(snapshot, true)) {
            record(actor, source, "hold.place", snapshot.id(), "failed", reason
                    + " (held in the catalog; the object's legal hold could not be set)");
            return new Placement.LegalHoldFailed(hold);
        }
        record(actor, source, "hold.place", snapshot.id(), "ok", reason);
        return new Placement.Placed(hold);
    }

    /** {@link #release(SnapshotRecord, String, String)} by the vault itself. */
    public Release release(SnapshotRecord snapshot, String actor) throws CatalogException {
        return release(snapshot, actor, AuditLog.INTERNAL);
    }

    /**
     * Releases the hold of a snapshot.
     *
     * @param source where the request comes from (the client's address), for the audit log
     */
    public synchronized Release release(SnapshotRecord snapshot, String actor, String source)
            throws CatalogException {
        if (catalog.holdOf(snapshot.id()).isEmpty()) {
            return new Release.NotHeld();
        }
        if (objectLock && !legalHold(snapshot, false)) {
            record(actor, source, "hold.release", snapshot.id(), "failed",
                    "the object's legal hold could not be lifted; the hold stays");
            return new Release.LegalHoldFailed();
        }
        if (!catalog.release(snapshot.id())) {
            return new Release.NotHeld();
        }
        record(actor, source, "hold.release", snapshot.id(), "ok", "");
        return new Release.Released();
    }

    private boolean legalHold(SnapshotRecord snapshot, boolean on) {
        try {
            store.legalHold(snapshot.objectKey(), on);
            return true;
        } catch (StoreException e) {
            // The operator's log gets the store's reason (e.g. 403 AccessDenied: the vault's
            // credentials lack s3:PutObjectLegalHold); the API answer does not.
            LOG.warn("Cannot turn the legal hold of snapshot {} of appliance {} {}: {}",
                    snapshot.id(), snapshot.applianceId(), on ? "on" : "off", e.getMessage());
            return false;
        }
    }

    private void record(String actor, String source, String action, SnapshotId id,
                        String outcome, String detail) throws CatalogException {
        audit.audit(clock.instant(), actor, action, id.toString(), outcome, detail, source);
    }
}
