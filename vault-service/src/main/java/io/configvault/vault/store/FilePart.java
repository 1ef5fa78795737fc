package io.configvault.vault.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * A byte range of a file, read as a stream: a part of a multipart upload is never held in memory,
 * whatever the part size.
 */
record FilePart(Path file, long offset, long length) {

    private static final int BUFFER = 64 * 1024;

    /** A new stream over the range; the caller closes it. */
    InputStream open() throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new InputStream() {
            private long position = offset;
            private final long end = offset + length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (position >= end) {
                    return -1;
                }
                int wanted = (int) Math.min(len, end - position);
                int read = channel.read(ByteBuffer.wrap(b, off, wanted), position);
                if (read == -1) {
                    throw new IOException("Cannot read " + file.getFileName() + ": it ended at "
                            + position + ", before the part's end at " + end);
                }
                position += read;
                return read;
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** Content-MD5 of the range, for the server to check the part on receipt. */
    String md5Base64() throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is part of every JDK", e);
        }
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = open()) {
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                md5.update(buffer, 0, n);
            }
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }
}
