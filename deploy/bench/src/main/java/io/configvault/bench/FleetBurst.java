package io.configvault.bench;

import io.configvault.stack.LocalStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Figure 2: the fleet's burst into the vault, then the same files by a raw S3 PUT and by restic,
 * one after the other on the same S3 server (each into a bucket of its own).
 */
final class FleetBurst implements Bench {

    @Override
    public String id() {
        return BurstFigure.ID;
    }

    @Override
    public List<Figure> run(BenchContext context) throws Exception {
        BenchSettings settings = context.settings();
        Path work = context.workDir(this);
        say("Preparing " + settings.appliances() + " simulated appliances (keys, "
                + BurstFigure.size(settings.snapshotBytes()) + " files, sealed snapshots)");
        long started = System.nanoTime();
        BenchKeys keys = BenchKeys.create(work.resolve("keys"));
        List<SimulatedAppliance> fleet = FleetSimulator.prepare(keys, work.resolve("fleet"),
                settings.appliances(), settings.snapshotBytes(), context.machine().processors());
        say("Prepared in " + seconds(System.nanoTime() - started)
                + " s; starting Kafka, s3proxy and the vault");
        try (LocalStack stack = LocalStack.start(work.resolve("infra"))) {
            stack.s3().createBucket(VaultProcess.BUCKET);
            try (VaultProcess vault = VaultProcess.start(context.root(), work, stack, keys, fleet,
                    context.http())) {
                return List.of(BurstFigure.of(measure(settings, stack, vault,
                        new VaultListing(context.http(), vault), fleet, work)));
            }
        }
    }

    private static BurstResult measure(BenchSettings settings, LocalStack stack,
                                       VaultProcess vault, VaultListing listing,
                                       List<SimulatedAppliance> fleet, Path work)
            throws Exception {
        Map<String, String> expected = new HashMap<>();
        fleet.forEach(a -> expected.put(a.id(), a.snapshotId().toString()));
        say("Publishing " + fleet.size() + " snapshots through the broker");
        CpuUse cpuAtStart = CpuUse.now(vault.pid());
        long started = System.nanoTime();
        Map<String, Long> acked = SegmentPublisher.publish(stack.kafka().bootstrapServers(),
                fleet);
        say("Published in " + seconds(System.nanoTime() - started) + " s; waiting for the vault"
                + " to list them");
        Map<String, Long> listed = listing.awaitListed(expected, settings.timeout());
        CpuUse cpu = CpuUse.now(vault.pid()).since(cpuAtStart);
        long vaultNanos = listed.values().stream().mapToLong(t -> t - started).max().orElseThrow();
        long[] latencies = fleet.stream().mapToLong(a -> Math.max(0,
                (listed.get(a.id()) - acked.get(a.id())) / 1_000_000)).toArray();
        say("The vault listed all in " + seconds(vaultNanos) + " s");

        stack.s3().createBucket("bench-raw");
        long rawNanos;
        try (S3Client s3 = stack.s3Client()) {
            rawNanos = RawPut.putAll(s3, "bench-raw", "raw/", fleet, settings.putThreads());
        }
        say("Raw PUT of the same files: " + seconds(rawNanos) + " s");

        int resticCount = settings.resticSnapshots();
        long[] backups = new long[resticCount];
        long resticNanos = 0;
        long initNanos = 0;
        if (resticCount > 0) {
            ResticRun restic = restic(stack, work);
            long initStarted = System.nanoTime();
            restic.run(restic.commands().init(), false);
            initNanos = System.nanoTime() - initStarted;
            say("restic: backing up " + resticCount + " files, one `restic backup` each");
            long resticStarted = System.nanoTime();
            for (int i = 0; i < resticCount; i++) {
                SimulatedAppliance appliance = fleet.get(i);
                long backupStarted = System.nanoTime();
                restic.run(restic.commands().backup(appliance.contentFile(), appliance.id(),
                        "configvault-bench"), false);
                backups[i] = System.nanoTime() - backupStarted;
            }
            resticNanos = System.nanoTime() - resticStarted;
            checkResticSnapshots(restic, resticCount);
            say("restic: " + seconds(resticNanos) + " s");
        }
        return new BurstResult(fleet.size(), settings.snapshotBytes(), vaultNanos, latencies,
                rawNanos, settings.putThreads(), resticCount, resticNanos, initNanos, backups, cpu);
    }

    private static ResticRun restic(LocalStack stack, Path work) throws Exception {
        stack.s3().createBucket("bench-restic");
        Path dir = Files.createDirectories(work.resolve("restic"));
        Path password = dir.resolve("password");
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        Files.createFile(password, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(password, HexFormat.of().formatHex(random));
        ResticCommand commands = ResticCommand.forS3("restic", stack.s3().endpoint(),
                "bench-restic", stack.s3().region(), stack.s3().accessKey(),
                stack.s3().secretKey(), password, dir.resolve("cache"));
        return new ResticRun(commands, dir.resolve("restic.log"));
    }

    private static void checkResticSnapshots(ResticRun restic, int expected) throws Exception {
        String json = restic.run(restic.commands().snapshots(), true);
        int count = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).size();
        if (count != expected) {
            throw new IllegalStateException("restic's repository holds " + count
                    + " snapshots after " + expected + " backups; see its log");
        }
    }

    private static String seconds(long nanos) {
        return BurstFigure.fixed(BurstResult.seconds(nanos), 2);
    }

    private static void say(String line) {
        BenchContext.say(line);
    }
}
