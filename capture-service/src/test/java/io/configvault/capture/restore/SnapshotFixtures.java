package io.configvault.capture.restore;

import io.configvault.capture.source.DirectorySource;
import io.configvault.capture.source.DirectoryTree;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SourceException;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.source.SqliteSource;
import io.configvault.capture.source.StagedEntry;
import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Snapshots of test appliances, made by the agent's real sources and bundle writer. */
final class SnapshotFixtures {

    static final String APPLIANCE = "nas-17";

    private SnapshotFixtures() {
    }

    /**
     * A bundle and how the vault would list it.
     *
     * @param listedAppliance the appliance the listing names (normally the manifest's)
     * @param listedSha256    the SHA-256 the listing claims (normally the bundle's)
     */
    record Fixture(SnapshotId id, Path bundle, Manifest manifest, Map<String, Path> contents,
                   String listedAppliance, String listedSha256) {

        Fixture listedAs(String appliance) {
            return new Fixture(id, bundle, manifest, contents, appliance, listedSha256);
        }

        Fixture listedWithSha256(String sha256) {
            return new Fixture(id, bundle, manifest, contents, listedAppliance, sha256);
        }

        long size() {
            try {
                return Files.size(bundle);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        ListedSnapshot listed() {
            return new ListedSnapshot(id, listedAppliance, "CHANGE",
                    manifest.capturedAt().toString(), null, true, size(), listedSha256);
        }

        String listingJson() {
            return "{\"id\":\"" + id + "\",\"applianceId\":\"" + listedAppliance
                    + "\",\"fleet\":\"lab\",\"sequence\":" + manifest.sequence()
                    + ",\"capturedAt\":\"" + manifest.capturedAt() + "\",\"timeZone\":\"UTC\""
                    + ",\"trigger\":\"" + manifest.trigger() + "\",\"label\":null"
                    + ",\"restorable\":true,\"sizeBytes\":" + size() + ",\"sha256\":\""
                    + listedSha256 + "\",\"storedBytes\":1,\"storedAt\":\"" + Instant.EPOCH
                    + "\"}";
        }

        VerifiedSnapshot verified() {
            return new VerifiedSnapshot(listed(), manifest, contents);
        }
    }

    /** Snapshots the sources as they are now, as the agent would, into {@code dir}. */
    static Fixture capture(Path dir, String applianceId, List<SourceSpec> sources)
            throws IOException, SourceException {
        Files.createDirectories(dir);
        List<ManifestEntry> entries = new ArrayList<>();
        Map<String, Path> contents = new LinkedHashMap<>();
        for (SourceSpec spec : sources) {
            SnapshotSource source = switch (spec.kind()) {
                case SQLITE -> new SqliteSource(spec);
                case DIRECTORY -> new DirectorySource(spec,
                        new DirectoryTree(spec.path(), List.of(), List.of()));
                default -> new FileSource(spec);
            };
            Path staging = Files.createDirectories(dir.resolve("source-" + entries.size()));
            for (StagedEntry staged : source.stageEntries(staging, Long.MAX_VALUE)) {
                entries.add(staged.entry());
                contents.put(staged.entry().name(), staged.content());
            }
        }
        return bundle(dir, applianceId, entries, contents);
    }

    /** A command entry (a dump), as the command source will produce it. */
    static ManifestEntry commandEntry(String name, Path content) throws IOException {
        return new ManifestEntry(name, SourceKind.COMMAND, Files.size(content),
                Sha256.of(content), 0600, null, true);
    }

    static Fixture bundle(Path dir, String applianceId, List<ManifestEntry> entries,
                          Map<String, Path> contents) throws IOException {
        return bundle(dir, applianceId, entries, contents, null);
    }

    /** @param notRestorableReason null for a restorable snapshot */
    static Fixture bundle(Path dir, String applianceId, List<ManifestEntry> entries,
                          Map<String, Path> contents, String notRestorableReason)
            throws IOException {
        SnapshotId id = SnapshotId.mint(Clock.systemUTC());
        Manifest manifest = new Manifest(Manifest.FORMAT, applianceId, "lab", id, 7,
                Trigger.CHANGE, Instant.parse("2025-06-01T03:45:00Z"), ZoneId.of("UTC"), "test",
                null, notRestorableReason == null, notRestorableReason, entries);
        Path bundle = Files.createDirectories(dir).resolve(id + ".tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, contents, out);
        }
        return new Fixture(id, bundle, manifest, Map.copyOf(contents), applianceId,
                Sha256.of(bundle));
    }
}
