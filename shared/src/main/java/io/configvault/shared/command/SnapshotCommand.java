package io.configvault.shared.command;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.Labels;
import io.configvault.shared.snapshot.SnapshotId;
import java.time.Instant;
import java.util.Objects;

/**
 * "Appliance {@code applianceId} of {@code fleet}: take a manual snapshot labelled
 * {@code label} for request {@code requestId}, unless it is {@code expiresAt} or later." Issued
 * by the vault, signed with its ingest key (which every agent pins at enrolment), published on
 * the command topic keyed by the appliance id. A fleet-wide request is one command per
 * appliance, all with the same request id.
 *
 * @param requestId minted like a snapshot id (UUIDv7); the manifest of the snapshot taken for it
 *                  carries it
 * @param label     operator label for the manifest, or null; the rules of {@link Labels}
 * @param issuedAt  when the vault issued it (vault clock)
 * @param expiresAt the agent refuses it from this instant on (agent clock); after
 *                  {@code issuedAt}
 */
public record SnapshotCommand(int format, SnapshotId requestId, String applianceId, String fleet,
                              String label, Instant issuedAt, Instant expiresAt) {

    /** The only command format version this code writes and reads. */
    public static final int FORMAT = 1;

    public SnapshotCommand {
        if (format != FORMAT) {
            throw new IllegalArgumentException("Unsupported snapshot request format " + format);
        }
        Objects.requireNonNull(requestId, "requestId");
        Identifiers.requireName("appliance id", applianceId);
        Identifiers.requireName("fleet", fleet);
        String problem = Labels.problem(label);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid label: " + problem);
        }
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (!expiresAt.isAfter(issuedAt)) {
            throw new IllegalArgumentException("A snapshot request expires after it is issued");
        }
    }
}
