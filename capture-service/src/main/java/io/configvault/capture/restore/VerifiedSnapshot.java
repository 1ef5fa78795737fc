package io.configvault.capture.restore;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A downloaded snapshot that passed every check, with its entries unpacked into private files.
 *
 * @param contents the unpacked content of each entry, by entry name (files named
 *                 {@code entry-<n>}, never after the entry: names only address the map)
 */
record VerifiedSnapshot(ListedSnapshot listed, Manifest manifest, Map<String, Path> contents) {

    /**
     * Checks, in this order: the bundle's SHA-256 equals the one the vault lists; it is a valid
     * bundle whose every entry matches the manifest's size and SHA-256 ({@link BundleReader});
     * its manifest names this appliance and the listed snapshot. (A snapshot marked not
     * restorable lacks a required part; what it has is restored, with a warning.)
     *
     * @param bundleSha256 the SHA-256 of the downloaded file, computed while it streamed in
     * @param unpackDir    an empty private directory for the entries
     * @throws RestoreException {@link ExitCode#REFUSED} naming the failed check
     */
    static VerifiedSnapshot verify(ListedSnapshot listed, Path bundle, String bundleSha256,
                                   String applianceId, Path unpackDir) throws RestoreException {
        if (!bundleSha256.equals(listed.sha256())) {
            throw refused("the downloaded bundle's SHA-256 " + bundleSha256 + " differs from the "
                    + listed.sha256() + " the vault lists for it");
        }
        Map<String, Path> contents = new LinkedHashMap<>();
        Manifest manifest;
        try (InputStream in = Files.newInputStream(bundle)) {
            manifest = BundleReader.read(in, BundleLimits.DEFAULT, (entry, content) -> {
                Path file = unpackDir.resolve("entry-" + contents.size());
                Files.copy(content, file);
                contents.put(entry.name(), file);
            });
        } catch (BundleFormatException e) {
            throw refused("the bundle is damaged: " + e.getMessage());
        } catch (IOException e) {
            throw new RestoreException(ExitCode.REFUSED, "cannot unpack the bundle in "
                    + unpackDir + " (" + e.getClass().getSimpleName() + ": " + e.getMessage()
                    + ")", e);
        }
        if (!manifest.applianceId().equals(applianceId)) {
            throw refused("it belongs to appliance " + manifest.applianceId()
                    + ", not to this appliance (" + applianceId + ")");
        }
        if (!manifest.snapshotId().equals(listed.id())) {
            throw refused("the bundle holds snapshot " + manifest.snapshotId()
                    + ", not the one asked for");
        }
        return new VerifiedSnapshot(listed, manifest, Map.copyOf(contents));
    }

    private static RestoreException refused(String reason) {
        return new RestoreException(ExitCode.REFUSED, reason);
    }
}
