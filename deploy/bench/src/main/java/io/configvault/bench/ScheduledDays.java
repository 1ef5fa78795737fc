package io.configvault.bench;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.ScheduleProperties;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.schedule.Schedule;
import io.configvault.capture.schedule.ScheduleStateFile;
import io.configvault.capture.schedule.ScheduleTrigger;
import io.configvault.capture.schedule.Scheduler;
import io.configvault.capture.snapshot.CapturedSnapshot;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.status.AgentStatus;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.RuntimeBeanDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figure 7's agent, run in a child JVM on the capture agent's classpath ({@code main}): the real
 * agent (its own settings file, sources, sealing, outbox and Kafka publisher) whose clock is a
 * {@link DayClock}, and the agent's own {@link Scheduler} on its own state file, ticked once per
 * scheduled run time after jumping the clock to it ({@link Scheduler#nextWake()}) instead of
 * sleeping a day. Every run is a SCHEDULE capture through the real pipeline; the agent decides
 * itself whether it becomes a snapshot or a heartbeat. Exits when all are published.
 *
 * <p>Arguments: the number of days, the first day ({@code 2025-01-01}, UTC), and the file to
 * write one line per run into: {@code <kind> <id> <capturedAt>}.
 */
public final class ScheduledDays {

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(120);

    private ScheduledDays() {
    }

    public static void main(String[] args) throws Exception {
        int days = Integer.parseInt(args[0]);
        LocalDate first = LocalDate.parse(args[1]);
        Path report = Path.of(args[2]);
        DayClock clock = new DayClock(Clock.systemUTC());
        clock.jumpTo(first.atStartOfDay(ZoneOffset.UTC).toInstant());
        try (ApplicationContext context = ApplicationContext.builder().banner(false)
                .beanDefinitions(RuntimeBeanDefinition.builder(Clock.class, () -> clock)
                        .singleton(true).replaces(Clock.class).build())
                .start()) {
            if (context.getBean(Clock.class) != clock) {
                throw new IllegalStateException("The agent did not take the bench's clock");
            }
            List<String> lines = runDays(context, clock, days);
            Files.write(report, lines);
        }
    }

    private static List<String> runDays(ApplicationContext context, DayClock clock, int days)
            throws Exception {
        CaptureProperties capture = context.getBean(CaptureProperties.class);
        Schedule schedule = ScheduleTrigger.schedule(context.getBean(ScheduleProperties.class),
                capture.applianceId(), capture.zone());
        AgentStatus status = context.getBean(AgentStatus.class);
        SnapshotCapture pipeline = context.getBean(SnapshotCapture.class);
        AtomicReference<CapturedSnapshot> taken = new AtomicReference<>();
        SnapshotCapture recorded = (trigger, label, request) -> {
            CapturedSnapshot snapshot = pipeline.capture(trigger, label, request);
            taken.set(snapshot);
            return snapshot;
        };
        Scheduler scheduler = new Scheduler(schedule, new ScheduleStateFile(
                capture.dataPath().resolve(ScheduleStateFile.NAME)), recorded, clock, status);
        scheduler.start();
        List<String> lines = new ArrayList<>();
        for (int day = 0; day < days; day++) {
            clock.jumpTo(scheduler.nextWake());
            taken.set(null);
            scheduler.tick();
            CapturedSnapshot snapshot = taken.get();
            if (snapshot == null) {
                throw new IllegalStateException("The scheduled run of day " + (day + 1)
                        + " took nothing: " + status.lastError().orElse("no error recorded"));
            }
            lines.add(snapshot.kind() + " " + snapshot.snapshotId() + " "
                    + status.lastScheduledRun().orElseThrow());
        }
        awaitPublished(context.getBean(Outbox.class), status);
        return lines;
    }

    /** Until the outbox is empty: every snapshot and heartbeat taken is on the broker. */
    private static void awaitPublished(Outbox outbox, AgentStatus status) throws Exception {
        long deadline = System.nanoTime() + PUBLISH_TIMEOUT.toNanos();
        while (outbox.depth() > 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The agent did not publish its outbox ("
                        + outbox.depth() + " left) within " + PUBLISH_TIMEOUT.toSeconds()
                        + " s: " + status.lastError().orElse("no error recorded"));
            }
            Thread.sleep(20);
        }
    }
}
