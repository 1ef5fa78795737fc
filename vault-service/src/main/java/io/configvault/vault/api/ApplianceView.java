package io.configvault.vault.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.configvault.vault.catalog.ApplianceError;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.fleet.ApplianceState;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An enrolled appliance as the API shows it: identity, key fingerprint, its last sign of life
 * and snapshot, its last refused event, agent version, restorable flag and status. Never the key
 * itself. Null members are absent until there is something to show.
 *
 * @param lastSeenAt     the signed time of its newest verified snapshot or heartbeat
 * @param lastSnapshotId the snapshot that event is or vouches for
 * @param lastSnapshot   its newest stored snapshot
 * @param lastError      its last refused event (any age; the status counts recent ones only)
 * @param agentVersion   the agent version its newest snapshot or heartbeat named
 * @param restorable     its newest snapshot's restorable flag
 * @param status         {@code never}, {@code failing}, {@code stale} or {@code healthy}
 */
@Serdeable
public record ApplianceView(String id, String fleet, String fingerprint, String enrolledAt,
                            @Nullable String lastSeenAt, @Nullable String lastSnapshotId,
                            @Nullable LastSnapshot lastSnapshot, @Nullable LastError lastError,
                            @Nullable String agentVersion, @Nullable Boolean restorable,
                            String status) {

    /** The newest snapshot in brief. */
    @Serdeable
    public record LastSnapshot(String id, String capturedAt, String trigger, boolean restorable) {

        static LastSnapshot of(SnapshotRecord s) {
            return new LastSnapshot(s.id().toString(), s.capturedAt().toString(),
                    s.trigger().name(), s.restorable());
        }
    }

    /** A refused event: when the vault refused it, the category and the reason. */
    @Serdeable
    public record LastError(String at, String category, String reason) {

        static LastError of(ApplianceError e) {
            return new LastError(e.at().toString(), e.category(), e.reason());
        }
    }

    static ApplianceView of(ApplianceState state) {
        SnapshotRecord newest = state.newestSnapshot();
        return new ApplianceView(state.appliance().id(), state.appliance().fleet(),
                state.appliance().fingerprint(), state.appliance().enrolledAt().toString(),
                state.lastSeen() == null ? null : state.lastSeen().toString(),
                state.seen() != null ? state.seen().lastSnapshotId().toString()
                        : newest == null ? null : newest.id().toString(),
                newest == null ? null : LastSnapshot.of(newest),
                state.lastError() == null ? null : LastError.of(state.lastError()),
                state.agentVersion(), newest == null ? null : newest.restorable(),
                state.status().wireName());
    }

    /** A page of appliances; {@code next} is the {@code after} of the next page, or null. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Page(List<ApplianceView> items, @Nullable String next) {
    }
}
