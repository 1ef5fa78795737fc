package io.configvault.vault.retention;

import io.configvault.vault.catalog.CatalogException;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's {@link RetentionService}: previews, and passes one at a time — a pass asked for
 * while another runs waits for it, in order of asking (the schedule's and the operator's alike).
 * Counts each pass by outcome and duration. Thread-safe.
 */
public final class PassRunner implements RetentionService {

    /** The audit log's actor of scheduled passes; a run asked for names its asker too. */
    public static final String ACTOR = "retention";

    private static final Logger LOG = LoggerFactory.getLogger(PassRunner.class);

    private final RetentionPass pass;
    private final RetentionPreview preview;
    private final RetentionMetrics metrics;
    private final ReentrantLock running = new ReentrantLock(true);

    PassRunner(RetentionPass pass, RetentionPreview preview, RetentionMetrics metrics) {
        this.pass = pass;
        this.preview = preview;
        this.metrics = metrics;
    }

    @Override
    public PreviewPage preview(@Nullable String fleet, @Nullable String applianceId,
                               @Nullable String after, int limit) throws RetentionException {
        try {
            return preview.page(fleet, applianceId, after, limit);
        } catch (CatalogException e) {
            throw new RetentionException("Cannot preview retention: " + e.getMessage(), e);
        }
    }

    @Override
    public PassReport run(String actor) throws RetentionException {
        return runAs(ACTOR + " (run by " + actor + ")");
    }

    /** The scheduled pass. */
    PassReport runScheduled() throws RetentionException {
        return runAs(ACTOR);
    }

    private PassReport runAs(String actor) throws RetentionException {
        running.lock();
        long start = System.nanoTime();
        try {
            PassReport report = pass.run(actor);
            metrics.passed(report.refusal() != null ? RetentionMetrics.Outcome.REFUSED
                    : report.failed().isEmpty() ? RetentionMetrics.Outcome.OK
                    : RetentionMetrics.Outcome.FAILED, Duration.ofNanos(System.nanoTime() - start));
            return report;
        } catch (CatalogException e) {
            metrics.passed(RetentionMetrics.Outcome.FAILED,
                    Duration.ofNanos(System.nanoTime() - start));
            LOG.warn("Retention pass by {} failed; the next pass finishes what it began: {}",
                    actor, e.getMessage());
            throw new RetentionException("Cannot finish the retention pass: " + e.getMessage()
                    + "; the next pass finishes what this one began", e);
        } catch (RuntimeException e) {
            // A bug, not a condition: counted all the same, so that an alert sees it.
            metrics.passed(RetentionMetrics.Outcome.FAILED,
                    Duration.ofNanos(System.nanoTime() - start));
            throw e;
        } finally {
            running.unlock();
        }
    }
}
