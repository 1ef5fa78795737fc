package io.configvault.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@code length} bytes of a file from {@code offset} as a stream of its own, so that each part
 * of a multipart upload can be (re)sent on its own without reading the rest of the file.
 */
final class FileRange extends InputStream {

    private final FileChannel channel;
    private long position;
    private final long end;

    private FileRange(FileChannel channel, long offset, long length) {
        this.channel = channel;
        this.position = offset;
        this.end = offset + length;
    }

    static FileRange open(Path file, long offset, long length) throws IOException {
        return new FileRange(FileChannel.open(file, StandardOpenOption.READ), offset, length);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
        if (position >= end) {
            return -1;
        }
        int n = channel.read(ByteBuffer.wrap(buffer, off, (int) Math.min(len, end - position)),
                position);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
