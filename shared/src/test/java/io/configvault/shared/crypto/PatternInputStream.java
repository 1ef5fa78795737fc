package io.configvault.shared.crypto;

import java.io.InputStream;

/**
 * A deterministic pseudo-random stream of a given length, generated as it is read: large test
 * inputs without a large array.
 */
final class PatternInputStream extends InputStream {

    private final long length;
    private long position;
    private long state;
    private long word;

    PatternInputStream(long length, long seed) {
        this.length = length;
        this.state = seed | 1;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            int lane = (int) ((position + i) & 7);
            if (lane == 0) {
                // xorshift64*, one step per 8 bytes
                state ^= state >>> 12;
                state ^= state << 25;
                state ^= state >>> 27;
                word = state * 0x2545F4914F6CDD1DL;
            }
            buffer[offset + i] = (byte) (word >>> (lane * 8));
        }
        position += n;
        return n;
    }
}
