package io.configvault.vault.ingest;

import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.heartbeat.HeartbeatCodec;
import io.configvault.shared.heartbeat.HeartbeatFormatException;
import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.FleetCatalog;
import io.configvault.vault.keys.VaultKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a heartbeat event, in this order: at most {@link SegmentCodec#MAX_HEARTBEAT_BYTES},
 * payload matching its announced length and SHA-256 → enrolled appliance → decrypt with the
 * ingest key and verify the enrolled key's signature (in memory: it is small; the plaintext is
 * used only after {@code decrypt} returned) → a strict heartbeat document whose appliance, id
 * and fleet match the event and the enrolment → the appliance's last sign of life in the
 * catalog with its agent version. A refusal is recorded as the appliance's last error when the
 * appliance is enrolled. Nothing is stored in the bucket. The caller commits the offset after this returns.
 * Idempotent: a redelivered heartbeat does not move the recorded time. Thread-safe when its
 * collaborators are.
 */
public final class HeartbeatIngestor {

    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatIngestor.class);

    private final Catalog catalog;
    private final VaultKeys keys;
    private final Sightings sightings;
    private final Refusals refusals;

    /** @param fleet where agent versions and refusals of enrolled appliances are recorded */
    public HeartbeatIngestor(Catalog catalog, FleetCatalog fleet, VaultKeys keys, Clock clock) {
        this.catalog = catalog;
        this.keys = keys;
        this.sightings = new Sightings(catalog, fleet, clock);
        this.refusals = new Refusals(fleet, clock);
    }

    /**
     * @param heartbeat a decoded event of kind {@link EventKind#HEARTBEAT}
     * @return {@link IngestOutcome.Seen}, or {@link IngestOutcome.Refused} with the quarantine
     *         reason
     * @throws TransientIngestException when the catalog fails; nothing was recorded
     */
    public IngestOutcome ingest(Segment heartbeat) throws TransientIngestException {
        if (heartbeat.kind() != EventKind.HEARTBEAT) {
            throw new IllegalArgumentException("Not a heartbeat: " + heartbeat.kind());
        }
        String what = "heartbeat " + heartbeat.snapshotId() + " of appliance "
                + heartbeat.applianceId();
        try {
            Optional<Refusal> problem = envelopeProblem(heartbeat);
            if (problem.isPresent()) {
                return refuse(what, heartbeat, problem.get());
            }
            Optional<Appliance> appliance = catalog.appliance(heartbeat.applianceId());
            if (appliance.isEmpty()) {
                return refuse(what, heartbeat, new Refusal(RefusalCategory.UNKNOWN_APPLIANCE,
                        "appliance " + heartbeat.applianceId() + " is not enrolled"));
            }
            Heartbeat document;
            try {
                document = decryptAndVerify(heartbeat, appliance.get());
            } catch (Refusal refusal) {
                return refuse(what, heartbeat, refusal);
            }
            ApplianceSeen seen = sightings.record(document.applianceId(), document.at(),
                    document.lastSnapshotId(), document.contentDigest(),
                    document.agentVersion());
            LOG.info("Appliance {} alive at {}; unchanged since snapshot {} ({})",
                    seen.applianceId(), seen.lastSeenAt(), seen.lastSnapshotId(), what);
            return new IngestOutcome.Seen(seen);
        } catch (CatalogException e) {
            throw new TransientIngestException("Cannot ingest " + what + ": " + e.getMessage(), e);
        }
    }

    /** A single segment carrying exactly the announced message, within the size limit. */
    private static Optional<Refusal> envelopeProblem(Segment heartbeat) {
        if (heartbeat.sealedBytes() > SegmentCodec.MAX_HEARTBEAT_BYTES) {
            return Optional.of(new Refusal(RefusalCategory.LIMITS, "heartbeat of "
                    + heartbeat.sealedBytes() + " bytes exceeds the limit of "
                    + SegmentCodec.MAX_HEARTBEAT_BYTES));
        }
        if (heartbeat.payload().length != heartbeat.sealedBytes()
                || !Sha256.of(heartbeat.payload()).equals(heartbeat.sealedSha256())) {
            return Optional.of(new Refusal(RefusalCategory.INTEGRITY,
                    "heartbeat does not match its announced length and SHA-256"));
        }
        return Optional.empty();
    }

    private Heartbeat decryptAndVerify(Segment heartbeat, Appliance appliance) throws Refusal {
        PgpPublicKey signer;
        try {
            signer = OpenPgpKeys.readPublicKey(appliance.publicKey());
        } catch (OpenPgpException e) {
            throw new Refusal(RefusalCategory.SIGNATURE, "the enrolled key of appliance "
                    + appliance.id() + " is unusable: " + e.getMessage());
        }
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        try {
            OpenPgpDecryptor.decrypt(new ByteArrayInputStream(heartbeat.payload()), plaintext,
                    List.of(keys.ingest()), signer,
                    new OpenPgpDecryptor.Limits(HeartbeatCodec.MAX_BYTES, 16));
        } catch (OpenPgpException e) {
            throw new Refusal(RefusalCategory.of(e.reason()), e.getMessage());
        } catch (IOException e) {
            // Only memory streams: an I/O error is a broken message, not a broken vault.
            throw new Refusal(RefusalCategory.MALFORMED, "heartbeat cannot be read: "
                    + e.getMessage());
        }
        Heartbeat document;
        try {
            document = HeartbeatCodec.decode(plaintext.toByteArray());
        } catch (HeartbeatFormatException e) {
            throw new Refusal(RefusalCategory.MALFORMED, "heartbeat refused: " + e.getMessage());
        }
        if (!document.applianceId().equals(heartbeat.applianceId())) {
            throw new Refusal(RefusalCategory.IDENTITY, "signed heartbeat names appliance " + document.applianceId()
                    + ", the event " + heartbeat.applianceId());
        }
        if (!document.heartbeatId().equals(heartbeat.snapshotId())) {
            throw new Refusal(RefusalCategory.IDENTITY, "signed heartbeat names id " + document.heartbeatId()
                    + ", the event " + heartbeat.snapshotId());
        }
        if (!document.fleet().equals(appliance.fleet())) {
            throw new Refusal(RefusalCategory.IDENTITY, "signed heartbeat names fleet " + document.fleet()
                    + ", the appliance is enrolled in " + appliance.fleet());
        }
        return document;
    }

    private IngestOutcome refuse(String what, Segment heartbeat, Refusal refusal)
            throws CatalogException {
        LOG.warn("Refused {} ({}): {}", what, refusal.category.tag(), refusal.getMessage());
        return refusals.record(heartbeat.applianceId(),
                new IngestOutcome.Refused(refusal.category, refusal.getMessage()));
    }

    /** A heartbeat that can never be recorded; the message is the quarantine reason. */
    private static final class Refusal extends Exception {
        final RefusalCategory category;

        Refusal(RefusalCategory category, String reason) {
            super(reason, null, false, false);
            this.category = category;
        }
    }
}
