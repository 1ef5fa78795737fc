package io.configvault.capture.outbox;

import java.time.Duration;

/**
 * Wakes the publisher when an entry is added. The flag stays set until a waiter consumes it, so
 * an addition between the publisher's last look and its wait is never missed.
 */
final class OutboxSignal {

    private boolean raised;

    synchronized void raise() {
        raised = true;
        notifyAll();
    }

    synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!raised) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        raised = false;
        return true;
    }
}
