package io.configvault.shared.heartbeat;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.time.Instant;
import java.util.Objects;

/**
 * "Appliance {@code applianceId} was alive at {@code at}, and its configuration was unchanged
 * since snapshot {@code lastSnapshotId}." Inside the sealed, signed message, so the vault can
 * trust every field once the appliance's signature checked out, and checks the identity against
 * the event and the enrolment.
 *
 * @param heartbeatId    minted like a snapshot id (UUIDv7); the event's {@code cv-snapshot}
 * @param at             when the agent found the content unchanged (UTC)
 * @param trigger        what made the agent look
 * @param lastSnapshotId the last snapshot the agent put into its outbox, whose content this is
 * @param contentDigest  the content digest of both ({@link
 *                       io.configvault.shared.bundle.ContentDigest})
 */
public record Heartbeat(int format, String applianceId, String fleet, SnapshotId heartbeatId,
                        Instant at, Trigger trigger, SnapshotId lastSnapshotId,
                        String contentDigest, String agentVersion) {

    /** The only heartbeat format version this code writes and reads. */
    public static final int FORMAT = 1;
    /** Longest agent version string. */
    public static final int MAX_AGENT_VERSION = 100;

    public Heartbeat {
        if (format != FORMAT) {
            throw new IllegalArgumentException("Unsupported heartbeat format " + format);
        }
        Identifiers.requireName("appliance id", applianceId);
        Identifiers.requireName("fleet", fleet);
        Objects.requireNonNull(heartbeatId, "heartbeatId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(lastSnapshotId, "lastSnapshotId");
        if (contentDigest == null || !contentDigest.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A heartbeat needs the lower-case hex content"
                    + " digest");
        }
        if (agentVersion == null || agentVersion.isEmpty()
                || agentVersion.length() > MAX_AGENT_VERSION) {
            throw new IllegalArgumentException("A heartbeat needs an agent version of 1 to "
                    + MAX_AGENT_VERSION + " characters");
        }
    }
}
