package io.configvault.capture.publish;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.KafkaProperties;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.status.CaptureMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The publisher thread: drains the outbox oldest-first, waits for new entries when it is empty,
 * and after a failure waits (exponential backoff, 500 ms doubling to 30 s) and retries the
 * <em>same</em> snapshot, so snapshots reach the bus in the order they were taken.
 */
@Context
@Requires(notEnv = RestoreProperties.ENVIRONMENT)
public final class PublisherLoop
        implements ApplicationEventListener<StartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherLoop.class);
    /** When idle, look at the outbox this often even without a signal (e.g. damaged rows). */
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(30);

    private final OutboxPublisher publisher;
    private final Outbox outbox;
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;
    private final String description;

    public PublisherLoop(Outbox outbox, SnapshotPublisher snapshotPublisher, AgentStatus status,
                         CaptureProperties capture, KafkaProperties kafka,
                         CaptureMetrics metrics, Clock clock) {
        this.outbox = outbox;
        this.publisher = new OutboxPublisher(outbox, snapshotPublisher, status,
                capture.applianceId(), kafka.segmentBytes(), metrics, clock);
        this.thread = Thread.ofPlatform().name("capture-publisher").daemon().unstarted(this::run);
        this.description = "Publishing snapshots of appliance " + capture.applianceId()
                + " to topic " + kafka.topic() + " at " + kafka.bootstrapServers();
    }

    /** Starts draining once the whole application has started (and its settings passed). */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        thread.start();
        LOG.info("{}", description);
    }

    private void run() {
        try {
            while (stopping.getCount() > 0) {
                step();
            }
        } catch (InterruptedException e) {
            // Shutting down; whatever is not acknowledged stays in the outbox.
        }
    }

    private void step() throws InterruptedException {
        OutboxPublisher.Outcome outcome;
        try {
            outcome = publisher.publishOldest();
        } catch (RuntimeException e) {
            if (stopping.getCount() == 0) {
                return;
            }
            LOG.error("Publishing failed unexpectedly; snapshots stay in the outbox", e);
            outcome = new OutboxPublisher.Outcome.Failed("Publishing failed unexpectedly (" + e
                    + ")");
        }
        switch (outcome) {
            case OutboxPublisher.Outcome.Idle idle -> outbox.awaitEntries(IDLE_RECHECK);
            case OutboxPublisher.Outcome.Published published -> backoff.reset();
            case OutboxPublisher.Outcome.Damaged damaged -> backoff.reset();
            case OutboxPublisher.Outcome.Failed failed -> {
                if (stopping.getCount() == 0) {
                    return;
                }
                Duration delay = backoff.next();
                LOG.warn("{}; retrying in {} ms", failed.reason(), delay.toMillis());
                // Not woken by new entries: the failed snapshot goes first.
                stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    @PreDestroy
    public void close() {
        stopping.countDown();
        if (!thread.isAlive()) {
            return;
        }
        thread.interrupt();
        try {
            if (!thread.join(Duration.ofSeconds(15))) {
                LOG.warn("The publisher did not stop within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
