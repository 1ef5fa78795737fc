package io.configvault.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.SplittableRandom;

/**
 * Writes a large file of incompressible bytes fast: a seeded {@link SplittableRandom} fills 1 MiB
 * blocks with fresh 64-bit values (no block repeats, so no compressor or deduplicating store
 * finds anything to save), about a gigabyte a second, where {@code SecureRandom} would take
 * tens of seconds for the 1 GiB snapshot. Not secret: these are a benchmark's payload.
 */
final class RandomFile {

    private static final int BLOCK = 1 << 20;

    private RandomFile() {
    }

    /** Creates or replaces {@code file} with {@code bytes} random bytes. */
    static Path write(Path file, long bytes) throws IOException {
        SplittableRandom random = new SplittableRandom(System.nanoTime());
        ByteBuffer block = ByteBuffer.allocateDirect(BLOCK).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            long left = bytes;
            while (left > 0) {
                block.clear();
                while (block.remaining() >= Long.BYTES) {
                    block.putLong(random.nextLong());
                }
                block.flip().limit((int) Math.min(BLOCK, left));
                left -= block.remaining();
                while (block.hasRemaining()) {
                    out.write(block);
                }
            }
        } catch (IOException e) {
            throw new IOException("Cannot write the benchmark's random file " + file + ": "
                    + e.getMessage(), e);
        }
        return file;
    }
}
