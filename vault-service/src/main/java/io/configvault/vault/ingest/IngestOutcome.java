package io.configvault.vault.ingest;

import io.configvault.vault.catalog.ApplianceSeen;
import io.configvault.vault.catalog.SnapshotRecord;

/** What became of one assembled snapshot, or of one heartbeat. */
public sealed interface IngestOutcome {

    /** Verified, encrypted at rest, written to the bucket and recorded in the catalog. */
    record Stored(SnapshotRecord snapshot) implements IngestOutcome {
    }

    /** Already stored with the same content (a redelivery): nothing changed. */
    record Duplicate(SnapshotRecord snapshot) implements IngestOutcome {
    }

    /** A verified heartbeat: the appliance's last sign of life is recorded; nothing is stored. */
    record Seen(ApplianceSeen seen) implements IngestOutcome {
    }

    /** Can never be stored; the category and the reason go to the quarantine topic. */
    record Refused(RefusalCategory category, String reason) implements IngestOutcome {
    }
}
