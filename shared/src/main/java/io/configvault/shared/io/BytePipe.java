package io.configvault.shared.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte stream from one thread to another: what the writer puts into {@link #sink()}
 * the reader takes from {@link #source()}, in order. At most {@code chunks} chunks of
 * {@code chunkBytes} wait between them; a writer that runs ahead blocks until the reader catches
 * up, so the memory held is bounded whatever the length of the stream.
 *
 * <p>Either side can give up, and the other learns it at once instead of waiting forever: a
 * writer that fails calls {@link #abort(Throwable)} (its reader's next read throws an
 * {@link IOException} with that cause); a reader that closes its stream before the end, or calls
 * {@link #abort(Throwable)}, makes the writer's next hand-over throw (a write that fills a chunk,
 * a flush or the close), with the reason given to {@code abort}, if any. A writer blocked on a
 * full pipe wakes for it. {@link OutputStream#close()} on the sink marks the end of the
 * stream.
 *
 * <p>Unlike {@link java.io.PipedInputStream}, nothing depends on which thread reads or writes,
 * and no side polls.
 */
public final class BytePipe {

    private final int chunkBytes;
    private final int capacity;
    private final ArrayDeque<byte[]> queue;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    // All guarded by lock.
    private boolean ended;
    private boolean readerGone;
    private Throwable failure;

    /**
     * @param chunkBytes the size of the pieces handed over
     * @param chunks     how many pieces may wait at most
     */
    public BytePipe(int chunkBytes, int chunks) {
        if (chunkBytes < 1 || chunks < 1) {
            throw new IllegalArgumentException("a pipe needs at least one chunk of one byte");
        }
        this.chunkBytes = chunkBytes;
        this.capacity = chunks;
        this.queue = new ArrayDeque<>(chunks);
    }

    /** The writing end; close it to end the stream. For one thread. */
    public OutputStream sink() {
        return new Sink();
    }

    /** The reading end; closing it before the end makes further writes fail. For one thread. */
    public InputStream source() {
        return new Source();
    }

    /**
     * Gives up the stream on behalf of either side: the reader's next read and the writer's next
     * hand-over throw an {@link IOException} whose cause is {@code cause}. The first reason given
     * is kept. Wakes a side that waits.
     */
    public void abort(Throwable cause) {
        Objects.requireNonNull(cause, "cause");
        lock.lock();
        try {
            if (failure == null) {
                failure = cause;
            }
            queue.clear();
            notEmpty.signalAll();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void put(byte[] chunk) throws IOException {
        lock.lock();
        try {
            while (queue.size() == capacity && failure == null && !readerGone) {
                notFull.awaitUninterruptibly();
            }
            checkWritable();
            queue.addLast(chunk);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    private void end() throws IOException {
        lock.lock();
        try {
            checkWritable();
            ended = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void checkWritable() throws IOException {
        if (failure != null) {
            throw new IOException("the stream was given up: " + failure.getMessage(), failure);
        }
        if (readerGone) {
            throw new IOException("the reading side stopped before the end of the stream");
        }
    }

    /** The next chunk, or null at the end of the stream. */
    private byte[] take() throws IOException {
        lock.lock();
        try {
            while (queue.isEmpty() && !ended && failure == null) {
                notEmpty.awaitUninterruptibly();
            }
            if (failure != null) {
                throw new IOException("the writing side gave up: " + failure.getMessage(),
                        failure);
            }
            byte[] chunk = queue.pollFirst();
            notFull.signal();
            return chunk;
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            readerGone = true;
            queue.clear();
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private final class Sink extends OutputStream {
        private byte[] buffer = new byte[chunkBytes];
        private int filled;
        private boolean closed;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (closed) {
                throw new IOException("the stream was already ended");
            }
            while (len > 0) {
                int n = Math.min(len, chunkBytes - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
                if (filled == chunkBytes) {
                    put(buffer);
                    buffer = new byte[chunkBytes];
                    filled = 0;
                }
            }
        }

        /** Hands over what is buffered, without waiting for the reader to take it. */
        @Override
        public void flush() throws IOException {
            if (filled > 0) {
                put(Arrays.copyOf(buffer, filled));
                filled = 0;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                flush();
                end();
                closed = true;
            }
        }
    }

    private final class Source extends InputStream {
        private byte[] chunk;
        private int position;
        private boolean atEnd;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            while (chunk == null || position == chunk.length) {
                if (atEnd) {
                    return -1;
                }
                chunk = take();
                position = 0;
                if (chunk == null) {
                    atEnd = true;
                    return -1;
                }
            }
            int n = Math.min(len, chunk.length - position);
            System.arraycopy(chunk, position, b, off, n);
            position += n;
            return n;
        }

        @Override
        public void close() {
            leave();
        }
    }
}
