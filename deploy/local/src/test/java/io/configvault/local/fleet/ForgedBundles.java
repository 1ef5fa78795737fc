package io.configvault.local.fleet;

import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.EntryNames;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestCodec;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Plaintext bundles for forged snapshots: one entry, {@code config.db}, in fleet {@code lab}.
 * A valid one as {@link BundleWriter} writes it, and tars by hand that our writer refuses to
 * write: an entry named with {@code ..} or an absolute path, a link, a sparse entry.
 */
final class ForgedBundles {

    static final String ENTRY = "config.db";

    private ForgedBundles() {
    }

    /** A valid bundle of {@code appliance} whose entry holds {@code content}. */
    static Path valid(Path dir, String appliance, SnapshotId id, String content)
            throws IOException {
        Path entry = Files.writeString(dir.resolve(id + ".entry"), content);
        Path bundle = dir.resolve(id + ".tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest(appliance, id, Files.size(entry), Sha256.of(entry)),
                    Map.of(ENTRY, entry), out);
        }
        return bundle;
    }

    /**
     * A bundle whose manifest lists {@value #ENTRY} with {@code content}, but whose tar entry
     * carrying that content is named {@code tarName} (e.g. {@code ../config.db}).
     */
    static Path namedInTar(Path dir, String appliance, SnapshotId id, String content,
                           String tarName) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Manifest manifest = manifest(appliance, id, bytes.length, Sha256.of(bytes));
        return tar(dir, id, manifest, tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(tarName, true);
            entry.setSize(bytes.length);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        });
    }

    /** A bundle whose {@value #ENTRY} is a symbolic link to {@code target}. */
    static Path symlink(Path dir, String appliance, SnapshotId id, String target)
            throws IOException {
        Manifest manifest = manifest(appliance, id, 0, Sha256.of(new byte[0]));
        return tar(dir, id, manifest, tar -> {
            TarArchiveEntry entry = new TarArchiveEntry(ENTRY, TarArchiveEntry.LF_SYMLINK, true);
            entry.setLinkName(target);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
    }

    /**
     * A bundle whose entry is a PAX sparse file of 2 GiB of holes: 2.5 KB of tar that reads back
     * as 2 GiB of zeros. The manifest lists the entry as empty.
     */
    static Path sparse(Path dir, String appliance, SnapshotId id) throws IOException {
        Manifest manifest = manifest(appliance, id, 0, Sha256.of(new byte[0]));
        return tar(dir, id, manifest, tar -> {
            byte[] pax = (paxRecord("GNU.sparse.numblocks", "1")
                    + paxRecord("GNU.sparse.size", Integer.toString(Integer.MAX_VALUE))
                    + paxRecord("GNU.sparse.map", Integer.MAX_VALUE + ",0"))
                    .getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry header = new TarArchiveEntry("PaxHeaders/" + ENTRY,
                    TarArchiveEntry.LF_PAX_EXTENDED_HEADER_LC, true);
            header.setSize(pax.length);
            tar.putArchiveEntry(header);
            tar.write(pax);
            tar.closeArchiveEntry();
            TarArchiveEntry entry = new TarArchiveEntry(ENTRY, true);
            entry.setSize(0);
            tar.putArchiveEntry(entry);
            tar.closeArchiveEntry();
        });
    }

    private static Manifest manifest(String appliance, SnapshotId id, long size, String sha256) {
        Instant capturedAt = Instant.ofEpochMilli(id.unixMillis());
        return new Manifest(Manifest.FORMAT, appliance, "lab", id, 1, Trigger.MANUAL, capturedAt,
                ZoneId.of("UTC"), "forged", "forged", true, null,
                List.of(new ManifestEntry(ENTRY, SourceKind.SQLITE, size, sha256, 0600,
                        capturedAt, true)));
    }

    @FunctionalInterface
    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /** {@code manifest.json} first, then what {@code entries} writes. */
    private static Path tar(Path dir, SnapshotId id, Manifest manifest, Entries entries)
            throws IOException {
        byte[] json = ManifestCodec.encode(manifest);
        Path bundle = dir.resolve(id + ".tar");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                Files.newOutputStream(bundle))) {
            TarArchiveEntry head = new TarArchiveEntry(EntryNames.MANIFEST, true);
            head.setSize(json.length);
            tar.putArchiveEntry(head);
            tar.write(json);
            tar.closeArchiveEntry();
            entries.write(tar);
        }
        return bundle;
    }

    /** One PAX extended header record: {@code "<length> <key>=<value>\n"}, length included. */
    private static String paxRecord(String key, String value) {
        String body = " " + key + "=" + value + "\n";
        int length = body.length() + Integer.toString(body.length()).length();
        if (Integer.toString(length).length() != Integer.toString(body.length()).length()) {
            length++;
        }
        return length + body;
    }
}
