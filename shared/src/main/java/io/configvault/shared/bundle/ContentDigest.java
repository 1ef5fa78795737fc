package io.configvault.shared.bundle;

import io.configvault.shared.io.Sha256;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The digest of what a snapshot holds, as opposed to the digest of its bundle: two snapshots of
 * unchanged configuration have different bundles (the manifest names a new snapshot id, sequence
 * and capture time) but the same content digest. The agent compares it with the last snapshot's
 * to decide whether a heartbeat is enough; the vault records it with the appliance's last sign of
 * life.
 *
 * <p>Version 1: the lower-case hex SHA-256 of this UTF-8 text
 * <pre>
 * configvault-content-digest 1\n
 * restorable true|false\n
 * name \t kind \t size \t sha256 \t mode \t sensitive\n      (one line per entry)
 * </pre>
 * with the entries sorted by name (so the order in which sources are staged does not matter),
 * {@code kind} as in the manifest ({@code sqlite}, {@code file}, ...), {@code size} in decimal,
 * {@code mode} as four octal digits and {@code sensitive} as {@code true} or {@code false}.
 * An entry's modification time is left out: touching a file without changing it, or a database
 * commit that changes no row, does not change the content. Entry names cannot contain tabs or
 * newlines ({@link EntryNames}), so the text is unambiguous. Thread-safe.
 */
public final class ContentDigest {

    /** First line of the hashed text; a different canonical form gets a new version. */
    static final String HEADER = "configvault-content-digest 1\n";

    private ContentDigest() {
    }

    /** The content digest of a manifest's entries and restorable flag. */
    public static String of(Manifest manifest) {
        return of(manifest.entries(), manifest.restorable());
    }

    /** The content digest of these entries, with the snapshot's restorable flag. */
    public static String of(List<ManifestEntry> entries, boolean restorable) {
        return Sha256.of(canonicalText(entries, restorable).getBytes(StandardCharsets.UTF_8));
    }

    /** The text that is hashed (see the class comment). */
    static String canonicalText(List<ManifestEntry> entries, boolean restorable) {
        StringBuilder text = new StringBuilder(HEADER);
        text.append("restorable ").append(restorable).append('\n');
        for (ManifestEntry entry : entries.stream()
                .sorted(Comparator.comparing(ManifestEntry::name)).toList()) {
            text.append(entry.name()).append('\t')
                    .append(entry.kind().wireName()).append('\t')
                    .append(entry.size()).append('\t')
                    .append(entry.sha256()).append('\t')
                    .append(String.format("%04o", entry.mode())).append('\t')
                    .append(entry.sensitive()).append('\n');
        }
        return text.toString();
    }
}
