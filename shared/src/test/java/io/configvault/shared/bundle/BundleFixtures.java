package io.configvault.shared.bundle;

import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A fixed, deterministic bundle used by the tests and the golden vectors. */
final class BundleFixtures {

    static final SnapshotId SNAPSHOT_ID = SnapshotId.parse("01936f4e-8a00-7abc-8def-0123456789ab");
    static final Instant CAPTURED_AT = Instant.parse("2026-11-22T03:45:00Z");

    private BundleFixtures() {
    }

    /** Stages the entries in {@code dir} and returns the manifest plus contents. */
    static Staged stage(Path dir, Map<String, String> files) throws IOException {
        Map<String, Path> contents = new LinkedHashMap<>();
        List<ManifestEntry> entries = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve("staged-" + i++);
            Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
            contents.put(file.getKey(), path);
            entries.add(new ManifestEntry(file.getKey(), SourceKind.FILE, Files.size(path),
                    Sha256.of(path), 0600, CAPTURED_AT.minusSeconds(60), true));
        }
        return new Staged(manifest(entries), contents);
    }

    static Manifest manifest(List<ManifestEntry> entries) {
        return new Manifest(Manifest.FORMAT, "demo-nas", "demo", SNAPSHOT_ID, 7, Trigger.CHANGE,
                CAPTURED_AT, ZoneId.of("Europe/Berlin"), "0.1.0", null, true, null, entries);
    }

    record Staged(Manifest manifest, Map<String, Path> contents) {
    }
}
