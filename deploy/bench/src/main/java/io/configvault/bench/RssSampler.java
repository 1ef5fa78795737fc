package io.configvault.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples a child process's resident set size ({@code VmRSS}) every {@link #INTERVAL} on a
 * virtual thread and keeps the largest, for the memory a process takes during one stretch of
 * work (its {@code VmHWM} covers its whole life instead). Stops at {@link #close()} or when the
 * process is gone.
 */
final class RssSampler implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(50);

    private final long pid;
    private final AtomicLong largest = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    private RssSampler(long pid) {
        this.pid = pid;
        this.thread = Thread.ofVirtual().name("rss-" + pid).start(this::sample);
    }

    /** Starts sampling process {@code pid}. */
    static RssSampler start(long pid) {
        return new RssSampler(pid);
    }

    private void sample() {
        while (running) {
            try {
                largest.accumulateAndGet(ProcStatus.of(pid).rssBytes(), Math::max);
                samples.incrementAndGet();
            } catch (IOException | RuntimeException gone) {
                return;
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
    }

    /** The largest {@code VmRSS} seen so far, in bytes. */
    long largestBytes() {
        return largest.get();
    }

    long samples() {
        return samples.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join();
    }
}
