package io.configvault.vault.diff;

import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Two manifests compared entry by entry, by name: an entry is changed when its SHA-256, kind or
 * mode differs (a size change is a digest change). Both manifests are bounded by the bundle
 * limits, so this works in memory. Results are in name order.
 */
record EntryDiff(List<ManifestEntry> added, List<ManifestEntry> removed,
                 List<Pair> changed, int unchanged) {

    /** One entry as it is in both manifests. */
    record Pair(ManifestEntry from, ManifestEntry to) {
    }

    static EntryDiff of(Manifest from, Manifest to) {
        Map<String, ManifestEntry> older = byName(from);
        Map<String, ManifestEntry> newer = byName(to);
        List<ManifestEntry> added = new ArrayList<>();
        List<ManifestEntry> removed = new ArrayList<>();
        List<Pair> changed = new ArrayList<>();
        int unchanged = 0;
        for (ManifestEntry a : older.values()) {
            ManifestEntry b = newer.get(a.name());
            if (b == null) {
                removed.add(a);
            } else if (a.sha256().equals(b.sha256()) && a.kind() == b.kind()
                    && a.mode() == b.mode()) {
                unchanged++;
            } else {
                changed.add(new Pair(a, b));
            }
        }
        for (ManifestEntry b : newer.values()) {
            if (!older.containsKey(b.name())) {
                added.add(b);
            }
        }
        return new EntryDiff(added, removed, changed, unchanged);
    }

    private static Map<String, ManifestEntry> byName(Manifest manifest) {
        Map<String, ManifestEntry> entries = new TreeMap<>(Comparator.naturalOrder());
        manifest.entries().forEach(e -> entries.put(e.name(), e));
        return entries;
    }
}
