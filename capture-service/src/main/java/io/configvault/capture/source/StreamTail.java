package io.configvault.capture.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads a stream to its end on a thread of its own and keeps only its last bytes, so a command
 * that writes gigabytes to standard error costs a fixed few kilobytes. Thread-safe.
 */
final class StreamTail {

    private final InputStream in;
    private final byte[] ring;
    private final CountDownLatch done = new CountDownLatch(1);
    private long total;

    private StreamTail(InputStream in, int bytes) {
        this.in = in;
        this.ring = new byte[bytes];
    }

    static StreamTail start(InputStream in, int bytes, String threadName) {
        StreamTail tail = new StreamTail(in, bytes);
        Thread.ofPlatform().name(threadName).daemon().start(tail::run);
        return tail;
    }

    private void run() {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                append(buffer, n);
            }
        } catch (IOException e) {
            // The process is gone or was killed: what was read so far is the tail.
        } finally {
            done.countDown();
        }
    }

    private synchronized void append(byte[] buffer, int n) {
        for (int i = 0; i < n; i++) {
            ring[(int) (total++ % ring.length)] = buffer[i];
        }
    }

    /** Waits up to {@code nanos} for the end of the stream. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** The kept tail as one printable line: newlines become " | ", controls '?'. */
    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] bytes = new byte[kept];
        for (int i = 0; i < kept; i++) {
            bytes[i] = ring[(int) ((total - kept + i) % ring.length)];
        }
        String raw = new String(bytes, StandardCharsets.UTF_8).strip();
        StringBuilder line = new StringBuilder(total > kept ? "…" : "");
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\n') {
                line.append(" | ");
            } else if (c == '\t') {
                line.append(' ');
            } else if (c == '\r') {
                continue;
            } else {
                line.append(c < 0x20 || c == 0x7f ? '?' : c);
            }
        }
        return line.toString();
    }

    /** "its standard error ends with: …" or "it wrote nothing to its standard error". */
    String describe(String what) {
        String text = text();
        return text.isEmpty() ? what + " was empty" : what + " ends with: " + text;
    }
}
