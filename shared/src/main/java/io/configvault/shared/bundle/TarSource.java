package io.configvault.shared.bundle;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bundle stream as the tar parser sees it. It tells {@link BundleReader} two things Commons
 * Compress cannot:
 *
 * <ul>
 *   <li>whether an {@link IOException} came from the caller's stream ({@link #failed()}: a disk or
 *       network failure, worth retrying) or from the parser refusing the bytes it got (a
 *       truncated or malformed archive, which will never get better);</li>
 *   <li>how much the parser reads while it looks for the next entry: Commons Compress buffers a
 *       GNU long name or a pax header whole, whatever size its header declares, so a budget
 *       ({@link #limitTo}) stops it with {@link MetadataTooLarge} before that costs memory.</li>
 * </ul>
 *
 * Not thread-safe: one reader, one stream.
 */
final class TarSource extends FilterInputStream {

    /** Thrown while a budget is set and the parser reads past it. */
    static final class MetadataTooLarge extends IOException {
        MetadataTooLarge(long budget) {
            super("tar entry metadata larger than " + budget + " bytes");
        }
    }

    private boolean failed;
    private long budget = -1;
    private long used;

    TarSource(InputStream in) {
        super(in);
    }

    /** True once the caller's stream threw: any failure since is not the bundle's fault. */
    boolean failed() {
        return failed;
    }

    /** Lets the parser read at most {@code bytes} more until {@link #unlimited()}. */
    void limitTo(long bytes) {
        budget = bytes;
        used = 0;
    }

    void unlimited() {
        budget = -1;
    }

    @Override
    public int read() throws IOException {
        requireBudget();
        int b;
        try {
            b = in.read();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        if (b >= 0) {
            used++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int allowed = length;
        if (length > 0) {
            requireBudget();
            if (budget >= 0) {
                allowed = (int) Math.min(length, budget - used);
            }
        }
        int n;
        try {
            n = in.read(buffer, offset, allowed);
        } catch (IOException e) {
            failed = true;
            throw e;
        }
        if (n > 0) {
            used += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Through read, so that skipped bytes count against the budget as well.
        byte[] buffer = new byte[(int) Math.min(n, 8192)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        try {
            return in.available();
        } catch (IOException e) {
            failed = true;
            throw e;
        }
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** Refuses to read on once a budget is set and used up. */
    private void requireBudget() throws MetadataTooLarge {
        if (budget >= 0 && used >= budget) {
            throw new MetadataTooLarge(budget);
        }
    }
}
