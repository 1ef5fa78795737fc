package io.configvault.capture.schedule;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.capture.config.ScheduleProperties;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.status.AgentStatus;
import io.configvault.shared.snapshot.Identifiers;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Scheduler} on a thread of its own from the end of startup to shutdown. The
 * cron expression is checked when this bean is created, also when the schedule is off, so a
 * typo stops startup instead of waiting for the day the schedule is switched on.
 *
 * <p>The thread sleeps until the next run time but wakes at least once a minute to look at the
 * wall clock again: its sleep is measured on the monotonic clock, which does not see the wall
 * clock being stepped or (on Linux) the time a suspended box slept, so a run is late by a minute
 * at most.
 */
@Context
@Requires(notEnv = RestoreProperties.ENVIRONMENT)
public final class ScheduleTrigger
        implements ApplicationEventListener<StartupEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScheduleTrigger.class);
    static final Duration MAX_SLEEP = Duration.ofMinutes(1);

    private final Scheduler scheduler;
    private final ScheduleProperties properties;
    private final Clock clock;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Thread thread;

    public ScheduleTrigger(CaptureProperties capture, ScheduleProperties properties, Clock clock,
                           SnapshotCapture snapshots, AgentStatus status) {
        this.properties = properties;
        this.clock = clock;
        Schedule schedule = schedule(properties, capture.applianceId(), capture.zone());
        this.scheduler = new Scheduler(schedule, new ScheduleStateFile(
                capture.dataPath().resolve(ScheduleStateFile.NAME)), snapshots, clock, status);
        this.thread = Thread.ofPlatform().name("capture-schedule").daemon().unstarted(this::run);
    }

    /**
     * The schedule the settings describe.
     *
     * @throws InvalidConfigurationException if the cron expression is invalid
     */
    public static Schedule schedule(ScheduleProperties properties, String applianceId,
                                    ZoneId zone) {
        CronExpression cron;
        try {
            cron = CronExpression.parse(properties.cron());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("the cron expression "
                    + Identifiers.printable(properties.cron()) + " is invalid: " + e.getMessage(),
                    ScheduleProperties.CRON, e);
        }
        return new Schedule(cron, zone, Jitter.offset(applianceId, properties.jitter()));
    }

    /** Decides about a catch-up and starts the schedule once the application has started. */
    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!properties.enabled()) {
            LOG.info("Scheduled snapshots are off (capture.schedule.enabled=false)");
            return;
        }
        scheduler.start();
        // Logged before the thread starts: from then on only that thread touches the scheduler.
        LOG.info("Scheduled snapshots: {} (jitter window {}); next at {}", scheduler.schedule(),
                properties.jitter(), scheduler.local(scheduler.nextWake()));
        thread.start();
    }

    private void run() {
        while (stopping.getCount() > 0) {
            Duration sleep;
            try {
                scheduler.tick();
                sleep = Duration.between(clock.instant(), scheduler.nextWake());
            } catch (RuntimeException e) {
                LOG.error("The schedule failed unexpectedly; it looks again in a minute", e);
                sleep = MAX_SLEEP;
            }
            long millis = Math.clamp(sleep.toMillis(), 0, MAX_SLEEP.toMillis());
            try {
                if (millis > 0 && stopping.await(millis, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
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
        try {
            // Let a capture in progress finish: interrupting it would only waste it.
            if (!thread.join(Duration.ofSeconds(30))) {
                LOG.warn("The schedule did not stop within 30 s; interrupting it");
                thread.interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
