package io.configvault.shared.bundle;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The first entry of every bundle. It is inside the signed, encrypted message, so the identity it
 * names (appliance, snapshot id) is what the vault checks the event headers and its catalog
 * against: a ciphertext moved to another appliance's or snapshot's place does not verify.
 *
 * @param restorable          false when a part that a restore onto new hardware needs is missing
 * @param notRestorableReason why, when {@code restorable} is false; otherwise null
 * @param label               free-text operator label (manual snapshots), or null
 * @param requestId           the vault's snapshot request this manual snapshot was taken for,
 *                            or null (written to the JSON only when present)
 */
public record Manifest(int format, String applianceId, String fleet, SnapshotId snapshotId,
                       long sequence, Trigger trigger, Instant capturedAt, ZoneId timeZone,
                       String agentVersion, String label, boolean restorable,
                       String notRestorableReason, List<ManifestEntry> entries,
                       SnapshotId requestId) {

    /** The only bundle format version this code writes and reads. */
    public static final int FORMAT = 1;

    public Manifest {
        if (format != FORMAT) {
            throw new IllegalArgumentException("Unsupported bundle format " + format);
        }
        Identifiers.requireName("appliance id", applianceId);
        Identifiers.requireName("fleet", fleet);
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(agentVersion, "agentVersion");
        if (sequence < 0) {
            throw new IllegalArgumentException("Negative sequence number");
        }
        if (restorable != (notRestorableReason == null)) {
            throw new IllegalArgumentException(
                    "A manifest gives a reason exactly when it is not restorable");
        }
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (ManifestEntry entry : entries) {
            if (!seen.add(entry.name())) {
                throw new IllegalArgumentException("Duplicate entry name " + entry.name());
            }
        }
    }

    /** A manifest not taken for a snapshot request. */
    public Manifest(int format, String applianceId, String fleet, SnapshotId snapshotId,
                    long sequence, Trigger trigger, Instant capturedAt, ZoneId timeZone,
                    String agentVersion, String label, boolean restorable,
                    String notRestorableReason, List<ManifestEntry> entries) {
        this(format, applianceId, fleet, snapshotId, sequence, trigger, capturedAt, timeZone,
                agentVersion, label, restorable, notRestorableReason, entries, null);
    }

    /** The entry with this name, if the manifest lists it. */
    public java.util.Optional<ManifestEntry> entry(String name) {
        return entries.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    /** Total size of all entries in bytes. */
    public long entriesBytes() {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }
}
