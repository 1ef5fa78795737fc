package io.configvault.shared.bundle;

/**
 * Bounds a reader enforces while it streams a bundle: nothing past them is read.
 *
 * @param maxEntries    entries the manifest may list
 * @param maxTotalBytes sum of all entry sizes
 */
public record BundleLimits(int maxEntries, long maxTotalBytes) {

    /** 10,000 entries and 4 GiB: far above any appliance configuration. */
    public static final BundleLimits DEFAULT = new BundleLimits(10_000, 4L << 30);

    public BundleLimits {
        if (maxEntries < 1 || maxTotalBytes < 0) {
            throw new IllegalArgumentException("Bundle limits must be positive");
        }
    }
}
