package io.configvault.capture.snapshot;

import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestCodec;

/**
 * What a vault accepts of a manifest: at most {@link BundleLimits#DEFAULT} entries and a
 * {@code manifest.json} of at most {@link ManifestCodec#MAX_MANIFEST_BYTES}. A snapshot past
 * either would be quarantined by every vault, so the capture refuses it instead, as too large.
 * (About 4,000 entries with short names fit the manifest; fewer with long names.)
 */
final class ManifestLimits {

    private ManifestLimits() {
    }

    static void check(Manifest manifest) throws TooLargeException {
        int entries = manifest.entries().size();
        if (entries > BundleLimits.DEFAULT.maxEntries()) {
            throw new TooLargeException("it has " + entries + " entries, more than the "
                    + BundleLimits.DEFAULT.maxEntries() + " a snapshot may hold; exclude files"
                    + " from the directory sources");
        }
        int bytes = ManifestCodec.encode(manifest).length;
        if (bytes > ManifestCodec.MAX_MANIFEST_BYTES) {
            throw new TooLargeException("its manifest of " + entries + " entries takes " + bytes
                    + " bytes, more than the " + ManifestCodec.MAX_MANIFEST_BYTES + " a snapshot"
                    + " may have; exclude files from the directory sources");
        }
    }

    /** The manifest is over a limit; retrying fails again. */
    static final class TooLargeException extends Exception {
        TooLargeException(String message) {
            super(message);
        }
    }
}
