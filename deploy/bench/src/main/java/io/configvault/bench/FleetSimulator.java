package io.configvault.bench;

import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes a fleet of simulated appliances as an agent would: each gets its own signing key and a
 * configuration file of random (incompressible) bytes, bundled with a manifest ({@link
 * BundleWriter}) and sealed to the vault's ingest key, signed by the appliance ({@link
 * OpenPgpEncryptor}). What the appliances' own processors do is done here before the clock
 * starts; publishing is {@link SegmentPublisher}'s.
 */
final class FleetSimulator {

    private static final String ENTRY = "app.conf";

    private FleetSimulator() {
    }

    /** Prepares {@code count} appliances under {@code dir}, on {@code threads} threads. */
    static List<SimulatedAppliance> prepare(BenchKeys keys, Path dir, int count, long bytes,
                                            int threads) throws Exception {
        PgpPublicKey ingest = keys.publicKey("vault-ingest");
        Files.createDirectories(dir);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<SimulatedAppliance>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = SimulatedAppliance.name(i);
                futures.add(pool.submit(() -> prepareOne(keys, ingest, dir, id, bytes)));
            }
            List<SimulatedAppliance> fleet = new ArrayList<>(count);
            for (Future<SimulatedAppliance> future : futures) {
                fleet.add(future.get());
            }
            return fleet;
        }
    }

    private static SimulatedAppliance prepareOne(BenchKeys keys, PgpPublicKey ingest, Path dir,
                                                 String id, long bytes) throws Exception {
        PgpSecretKey signer = keys.generate(id);
        Path applianceDir = Files.createDirectories(dir.resolve(id));
        Path content = applianceDir.resolve(ENTRY);
        writeRandom(content, bytes);
        SnapshotId snapshotId = SnapshotId.mint(Clock.systemUTC());
        Instant now = Instant.now();
        Manifest manifest = new Manifest(Manifest.FORMAT, id, "bench", snapshotId, 1,
                Trigger.SCHEDULE, now, ZoneId.of("UTC"), "bench", null, true, null,
                List.of(new ManifestEntry(ENTRY, SourceKind.FILE, bytes, Sha256.of(content),
                        0644, now, false)));
        Path bundle = applianceDir.resolve("bundle.tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, Map.of(ENTRY, content), out);
        }
        Path sealed = applianceDir.resolve("sealed.pgp");
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(ingest), signer, "bundle.tar");
        }
        Files.delete(bundle);
        return new SimulatedAppliance(id, keys.publicKeyFile(id), content, sealed, snapshotId);
    }

    private static void writeRandom(Path file, long bytes) {
        SecureRandom random = new SecureRandom();
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            long left = bytes;
            while (left > 0) {
                int n = (int) Math.min(chunk.length, left);
                random.nextBytes(chunk);
                out.write(chunk, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
