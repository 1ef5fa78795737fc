package io.configvault.bench;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.vault.ingest.ObjectKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

/**
 * The fleet behind figure 5's catalog, as a year of ingest would have written it: {@code
 * appliances} appliances in ten fleets, each with one scheduled snapshot a day for the last
 * {@code perAppliance} days, spread over the day by appliance (a fleet's cron jitter), sizes of
 * a compressed configuration bundle (2–18 KiB, varying by appliance and day). Time zones without
 * daylight saving time, so snapshots a day apart are always on distinct calendar days and {@link
 * #policy} drops exactly each appliance's oldest: the steady state of a daily pass.
 *
 * @param appliances   how many appliances
 * @param perAppliance snapshots per appliance, one a day
 * @param now          the run's time; every snapshot is older than a day before it
 */
record ScaleFleet(int appliances, int perAppliance, Instant now) {

    /** Keeps the newest snapshot of each of the last {@code perAppliance - 1} days. */
    static String policy(int perAppliance) {
        return "{\"keep-daily\": " + (perAppliance - 1) + "}";
    }

    private static final List<String> ZONES = List.of("UTC", "Asia/Tokyo", "Asia/Kolkata",
            "America/Phoenix", "Asia/Singapore", "Africa/Johannesburg");
    private static final long DAY_SECONDS = Duration.ofDays(1).toSeconds();

    ScaleFleet {
        if (appliances < 1 || appliances > 99_999 || perAppliance < 2) {
            throw new IllegalArgumentException("Cannot shape the catalog: 1 to 99,999 appliances"
                    + " of at least 2 snapshots, not " + appliances + " × " + perAppliance);
        }
    }

    long rows() {
        return (long) appliances * perAppliance;
    }

    String applianceId(int appliance) {
        return String.format(Locale.ROOT, "nas-%05d", appliance);
    }

    String fleet(int appliance) {
        return "site-" + appliance % 10;
    }

    String zone(int appliance) {
        return ZONES.get(appliance % ZONES.size());
    }

    /**
     * Snapshot {@code index} (0 the oldest) of {@code appliance}: whole days apart, the newest
     * more than a day old (retention's default floor keeps younger ones whatever the policy).
     */
    Instant capturedAt(int appliance, int index) {
        long spread = (appliance * 7L) % (DAY_SECONDS / 2);
        return now.minus(Duration.ofDays(perAppliance - index + 1)).plusSeconds(spread);
    }

    /** When the vault stored it: half a minute after the capture (publish and ingest). */
    Instant storedAt(int appliance, int index) {
        return capturedAt(appliance, index).plusSeconds(30);
    }

    /** Bytes of the sealed bundle: 2 KiB to 18 KiB, the same for the same appliance and day. */
    long bundleBytes(int appliance, int index) {
        long mix = (appliance * 2_654_435_761L + index * 40_503L) & 0x3FFF;
        return 2048 + mix;
    }

    /** Bytes stored: the at-rest encryption adds its packets to the bundle's. */
    long storedBytes(int appliance, int index) {
        return bundleBytes(appliance, index) + 1_071;
    }

    SnapshotId snapshotId(int appliance, int index) {
        return SnapshotId.mint(Clock.fixed(capturedAt(appliance, index), ZoneOffset.UTC));
    }

    String objectKey(int appliance, SnapshotId id) {
        return ObjectKeys.snapshot(fleet(appliance), applianceId(appliance), id);
    }

    /** Whether {@link #policy} deletes snapshot {@code index}: only the oldest. */
    static boolean deletedByPolicy(int index) {
        return index == 0;
    }
}
