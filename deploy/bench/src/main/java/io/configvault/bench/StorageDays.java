package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Figure 7's measurement for one appliance: {@code days} scheduled runs of an agent whose
 * configuration does not change ({@link ScheduledDays} in a child JVM), then, once the vault
 * has seen the last run, what the bucket holds under the appliance's key prefix and what the
 * catalog lists for it.
 */
final class StorageDays {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    /**
     * @param days       scheduled runs
     * @param snapshots  runs the agent turned into a snapshot
     * @param heartbeats runs the agent turned into a heartbeat
     * @param listed     snapshots the vault's API lists for the appliance
     * @param objects    objects under the appliance's prefix in the bucket
     * @param bytes      their total size
     */
    record Result(int days, int snapshots, int heartbeats, int listed, int objects, long bytes) {
    }

    private StorageDays() {
    }

    static Result run(Path root, Path dir, List<String> agentSettings, int days,
                      LocalDate firstDay, VaultApi api, S3Client s3, String bucket,
                      String applianceId) throws Exception {
        Path report = dir.resolve("days.txt");
        AgentProcess.runToEnd(root, dir, agentSettings, ScheduledDays.class.getName(),
                List.of(Integer.toString(days), firstDay.toString(), report.toString()), TIMEOUT);
        List<String> runs = Files.readAllLines(report);
        int heartbeats = (int) runs.stream().filter(l -> l.startsWith("HEARTBEAT ")).count();
        Instant lastRun = Instant.parse(runs.getLast().split(" ")[2]);
        awaitSeen(api, applianceId, lastRun);
        JsonNode listed = api.json("/api/v1/appliances/" + applianceId + "/snapshots?limit=1000")
                .path("items");
        int objects = 0;
        long bytes = 0;
        String prefix = "snapshots/" + AgentProcess.FLEET + "/" + applianceId + "/";
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                .contents()) {
            objects++;
            bytes += object.size();
        }
        return new Result(runs.size(), runs.size() - heartbeats, heartbeats, listed.size(),
                objects, bytes);
    }

    /**
     * Waits until the vault's last sign of life of the appliance is at or after {@code at} (the
     * API shows it in whole seconds).
     */
    private static void awaitSeen(VaultApi api, String applianceId, Instant at)
            throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            JsonNode seen = api.json("/api/v1/appliances/" + applianceId).path("lastSeenAt");
            if (seen.isTextual() && !Instant.parse(seen.asText()).isBefore(
                    at.truncatedTo(ChronoUnit.SECONDS))) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The vault did not record " + applianceId
                        + "'s scheduled run at " + at + " within " + TIMEOUT.toSeconds()
                        + " s (last seen " + seen + "); see the vault's log");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }
}
