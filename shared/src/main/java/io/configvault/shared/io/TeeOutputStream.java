package io.configvault.shared.io;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes everything to a stream and to a copy, in that order. {@link #close()} closes the stream
 * and only flushes the copy: whoever hands out the copy decides when it ends (a copy ended by a
 * failed write would look like a complete, shorter stream).
 */
public final class TeeOutputStream extends OutputStream {

    private final OutputStream out;
    private final OutputStream copy;

    public TeeOutputStream(OutputStream out, OutputStream copy) {
        this.out = out;
        this.copy = copy;
    }

    @Override
    public void write(int b) throws IOException {
        out.write(b);
        copy.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        copy.write(b, off, len);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
        copy.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            copy.flush();
        }
    }
}
