package io.configvault.capture.source;

import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Copies a command's standard output into a file on a thread of its own, digesting it on the
 * way, until end of stream, a limit, a failure or {@link #cancel()}. The caller waits with a
 * deadline, so a command that never closes its output cannot hang the capture.
 */
final class OutputCopy {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final Path target;
    private final long limit;
    private final Sha256.DigestingSink digest = new Sha256.DigestingSink();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean cancelled;
    private volatile boolean overLimit;
    private volatile IOException failure;

    private OutputCopy(InputStream in, Path target, long limit) {
        this.in = in;
        this.target = target;
        this.limit = limit;
    }

    static OutputCopy start(InputStream in, Path target, long limit) {
        OutputCopy copy = new OutputCopy(in, target, limit);
        Thread.ofPlatform().name("capture-command-stdout").daemon().start(copy::run);
        return copy;
    }

    private void run() {
        try (in; OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            for (int n; !cancelled && (n = in.read(buffer)) >= 0; ) {
                if (digest.count() + n > limit) {
                    overLimit = true;
                    return;
                }
                out.write(buffer, 0, n);
                digest.write(buffer, 0, n);
            }
        } catch (IOException e) {
            failure = e;
        } finally {
            done.countDown();
        }
    }

    /** Waits up to {@code nanos} for the copy to end; true when it did. */
    boolean await(long nanos) throws InterruptedException {
        return done.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Stops writing after the current read (the command is being killed). */
    void cancel() {
        cancelled = true;
    }

    boolean overLimit() {
        return overLimit;
    }

    IOException failure() {
        return failure;
    }

    long bytes() {
        return digest.count();
    }

    String sha256() {
        return digest.hex();
    }
}
