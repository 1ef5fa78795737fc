package io.configvault.shared.crypto;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Marks failures of the caller's own streams, so that they can be told apart from Bouncy
 * Castle's parse errors, which are {@link IOException}s too. A disk or network failure is
 * transient and must reach the caller as itself; a parse error is a permanent
 * {@link OpenPgpException}.
 */
final class CallerStreams {

    /** An {@link IOException} thrown by the caller's stream, wrapped on its way through BC. */
    static final class CallerIOException extends IOException {
        CallerIOException(IOException cause) {
            super(cause.getMessage(), cause);
        }

        IOException original() {
            return (IOException) getCause();
        }
    }

    private CallerStreams() {
    }

    /** The caller's failure somewhere in {@code failure}'s cause chain, or null. */
    static IOException callerFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CallerIOException marked) {
                return marked.original();
            }
        }
        return null;
    }

    static InputStream guard(InputStream in) {
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return in.read(b, off, len);
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public long skip(long n) throws IOException {
                try {
                    return super.skip(n);
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public int available() throws IOException {
                try {
                    return super.available();
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public void close() {
                // The caller owns the stream.
            }
        };
    }

    static OutputStream guard(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                try {
                    out.write(b);
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                try {
                    out.write(b, off, len);
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public void flush() throws IOException {
                try {
                    out.flush();
                } catch (IOException e) {
                    throw new CallerIOException(e);
                }
            }

            @Override
            public void close() {
                // The caller owns the stream.
            }
        };
    }
}
