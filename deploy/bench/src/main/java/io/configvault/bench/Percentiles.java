package io.configvault.bench;

import java.util.Arrays;

/**
 * Percentiles of a set of samples by the nearest-rank method: the p-th percentile is the
 * smallest sample such that at least p % of the samples are at most it. Always one of the
 * samples, never an interpolation.
 */
public final class Percentiles {

    private final long[] sorted;

    private Percentiles(long[] sorted) {
        this.sorted = sorted;
    }

    /**
     * The percentiles of {@code samples} (copied).
     *
     * @throws IllegalArgumentException if there are no samples
     */
    public static Percentiles of(long[] samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("Cannot compute percentiles of no samples: measure"
                    + " at least one");
        }
        long[] copy = samples.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /**
     * The {@code p}-th percentile, {@code 0 < p <= 100}.
     *
     * @throws IllegalArgumentException if {@code p} is outside (0, 100]
     */
    public long at(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("A percentile must be above 0 and at most 100, not "
                    + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    /** The smallest sample. */
    public long min() {
        return sorted[0];
    }

    /** The largest sample. */
    public long max() {
        return sorted[sorted.length - 1];
    }

    /** How many samples there are. */
    public int count() {
        return sorted.length;
    }
}
