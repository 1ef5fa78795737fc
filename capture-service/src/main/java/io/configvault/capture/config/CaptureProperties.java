package io.configvault.capture.config;

import io.configvault.shared.snapshot.Identifiers;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Who this appliance is and where the agent keeps its state.
 *
 * @param applianceId      {@code capture.appliance-id}: the appliance's id in the vault
 *                         (lower-case letters, digits, '.', '_', '-'), also the Kafka key;
 *                         when unset, derived from the machine id (see {@link MachineIds})
 * @param fleet            {@code capture.fleet}, default {@code default}
 * @param timeZone         {@code capture.time-zone}, default the system zone: the zone the
 *                         manifest records (retention counts days in it)
 * @param dataDir          {@code capture.data-dir}, required: outbox database, spool and
 *                         staging; must hold several times the largest snapshot
 * @param maxSnapshotBytes {@code capture.max-snapshot-bytes}, default 1 GiB: the most a
 *                         snapshot's entries may add up to; larger fails the capture
 * @param machineIdFile    {@code capture.machine-id-file}, default {@code /etc/machine-id}:
 *                         where the machine id comes from when no appliance id is set
 */
@ConfigurationProperties("capture")
public record CaptureProperties(@Nullable String applianceId,
                                @Bindable(defaultValue = "default") String fleet,
                                @Nullable String timeZone,
                                @Nullable String dataDir,
                                @Bindable(defaultValue = "1073741824") long maxSnapshotBytes,
                                @Bindable(defaultValue = MachineIds.DEFAULT_FILE)
                                String machineIdFile) {

    @Creator
    public CaptureProperties {
        String id = applianceId == null || applianceId.isBlank()
                ? MachineIds.applianceId(Settings.path(machineIdFile, "the machine id file",
                        "capture.machine-id-file"))
                : applianceId.strip();
        if (!Identifiers.isName(id)) {
            throw new InvalidConfigurationException("the appliance id "
                    + Identifiers.printable(id) + " is invalid: use 1-63 lower-case letters,"
                    + " digits, '.', '_' or '-'", "capture.appliance-id");
        }
        applianceId = id;
        if (!Identifiers.isName(fleet)) {
            throw new InvalidConfigurationException("the fleet " + Identifiers.printable(fleet)
                    + " is invalid: use 1-63 lower-case letters, digits, '.', '_' or '-'",
                    "capture.fleet");
        }
        zone(timeZone);
        Settings.path(dataDir, "the data directory", "capture.data-dir");
        if (maxSnapshotBytes < 1) {
            throw new InvalidConfigurationException("the maximum snapshot size must be positive",
                    "capture.max-snapshot-bytes");
        }
    }

    /** With the appliance id from {@code /etc/machine-id} when {@code applianceId} is null. */
    public CaptureProperties(String applianceId, String fleet, String timeZone, String dataDir,
                             long maxSnapshotBytes) {
        this(applianceId, fleet, timeZone, dataDir, maxSnapshotBytes, MachineIds.DEFAULT_FILE);
    }

    /** The configured zone, or the system's. */
    public ZoneId zone() {
        return zone(timeZone);
    }

    public Path dataPath() {
        return Settings.path(dataDir, "the data directory", "capture.data-dir");
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new InvalidConfigurationException("unknown time zone "
                    + Identifiers.printable(timeZone), "capture.time-zone", e);
        }
    }
}
