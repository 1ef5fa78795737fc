package io.configvault.capture.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.outbox.InMemoryOutbox;
import io.configvault.capture.outbox.NewSnapshot;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.publish.OutboxPublisher.Outcome;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.status.CaptureMetrics;
import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutboxPublisherTest {

    private static final int SEGMENT_BYTES = 1024;

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final AgentStatus status = new AgentStatus(clock);
    private final RecordingPublisher bus = new RecordingPublisher();
    private InMemoryOutbox outbox;
    private OutboxPublisher publisher;

    private void setUp() {
        outbox = new InMemoryOutbox(dir.resolve("spool"));
        publisher = new OutboxPublisher(outbox, bus, status, "nas-17", SEGMENT_BYTES);
    }

    @Test
    void publishesOldestFirstAllSegmentsInOrderThenRemoves() throws Exception {
        setUp();
        OutboxEntry first = add(2500);
        OutboxEntry second = add(10);

        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Published(first.snapshotId()));
        assertThat(bus.segments).extracting(Segment::snapshotId, Segment::index, Segment::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(first.snapshotId(), 0, 3),
                        org.assertj.core.groups.Tuple.tuple(first.snapshotId(), 1, 3),
                        org.assertj.core.groups.Tuple.tuple(first.snapshotId(), 2, 3));
        assertThat(reassembled(first.snapshotId())).hasSize(2500);
        assertThat(first.spoolFile()).doesNotExist();
        assertThat(outbox.depth()).isEqualTo(1);

        assertThat(publisher.publishOldest()).isEqualTo(
                new Outcome.Published(second.snapshotId()));
        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Idle());
        assertThat(status.lastPublished()).contains(second.snapshotId());
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void aPublishedSnapshotIsCountedWithItsLatencySinceCaptureButAHeartbeatIsNot()
            throws Exception {
        outbox = new InMemoryOutbox(dir.resolve("spool"));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        publisher = new OutboxPublisher(outbox, bus, status, "nas-17", SEGMENT_BYTES,
                new CaptureMetrics(registry), clock);
        add(100);
        outbox.add(new NewSnapshot(SnapshotId.mint(clock), outbox.nextSequence(),
                Trigger.SCHEDULE, clock.instant(), EventKind.HEARTBEAT, "a".repeat(64)),
                Files.write(dir.resolve("heartbeat.pgp"), new byte[10]));
        clock.advance(Duration.ofSeconds(90));

        publisher.publishOldest();
        publisher.publishOldest();

        assertThat(registry.get("configvault.snapshots.published").counter().count())
                .isEqualTo(1.0);
        var latency = registry.get("configvault.publish.latency").timer();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.totalTime(TimeUnit.SECONDS)).isEqualTo(90.0);
    }

    @Test
    void aHeartbeatIsPublishedInOrderAsOneHeartbeatSegmentWhateverTheSegmentSize()
            throws Exception {
        setUp();
        OutboxEntry snapshot = add(100);
        byte[] content = new byte[1500];
        new Random(7).nextBytes(content);
        clock.advance(Duration.ofMillis(1));
        OutboxEntry heartbeat = outbox.add(new NewSnapshot(SnapshotId.mint(clock),
                outbox.nextSequence(), Trigger.SCHEDULE, clock.instant(), EventKind.HEARTBEAT,
                "a".repeat(64)), Files.write(dir.resolve("heartbeat.pgp"), content));

        assertThat(publisher.publishOldest()).isEqualTo(
                new Outcome.Published(snapshot.snapshotId()));
        assertThat(publisher.publishOldest()).isEqualTo(
                new Outcome.Published(heartbeat.snapshotId()));

        assertThat(bus.segments).extracting(Segment::snapshotId, Segment::kind, Segment::count)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(snapshot.snapshotId(),
                                EventKind.SNAPSHOT, 1),
                        org.assertj.core.groups.Tuple.tuple(heartbeat.snapshotId(),
                                EventKind.HEARTBEAT, 1));
        assertThat(reassembled(heartbeat.snapshotId())).isEqualTo(content);
        assertThat(heartbeat.spoolFile()).doesNotExist();
        assertThat(status.lastPublished()).as("the last published snapshot, not the heartbeat")
                .contains(snapshot.snapshotId());
    }

    @Test
    void anOversizedHeartbeatIsDamagedNeverPublished() throws Exception {
        setUp();
        OutboxEntry heartbeat = outbox.add(new NewSnapshot(SnapshotId.mint(clock),
                outbox.nextSequence(), Trigger.SCHEDULE, clock.instant(), EventKind.HEARTBEAT,
                "a".repeat(64)), Files.write(dir.resolve("heartbeat.pgp"),
                new byte[SegmentCodec.MAX_HEARTBEAT_BYTES + 1]));

        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Damaged(
                heartbeat.snapshotId(), "its spool file cannot be read (Cannot publish heartbeat "
                + heartbeat.snapshotId() + ": its sealed file has 65537 bytes, not 1 to 65536)"));
        assertThat(bus.attempts).isZero();
    }

    @Test
    void aFailedSendKeepsTheSnapshotAndRetriesTheSameOneFirst() throws Exception {
        setUp();
        OutboxEntry first = add(100);
        OutboxEntry second = add(100);
        bus.failing = true;

        for (int i = 0; i < 3; i++) {
            assertThat(publisher.publishOldest()).isInstanceOf(Outcome.Failed.class);
        }
        assertThat(outbox.depth()).isEqualTo(2);
        assertThat(outbox.oldest()).contains(first);
        assertThat(first.spoolFile()).exists();
        assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
                .isEqualTo("Cannot publish snapshot " + first.snapshotId() + " of appliance"
                        + " nas-17: broker unreachable (injected)"));

        bus.failing = false;
        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Published(first.snapshotId()));
        assertThat(publisher.publishOldest()).isEqualTo(
                new Outcome.Published(second.snapshotId()));
        assertThat(bus.segments).extracting(Segment::snapshotId)
                .containsExactly(first.snapshotId(), second.snapshotId());
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void anEntryWithoutItsSpoolFileIsReportedNotPublishedAndDoesNotBlockTheRest()
            throws Exception {
        setUp();
        OutboxEntry lost = add(100);
        OutboxEntry next = add(100);
        Files.delete(lost.spoolFile());

        Outcome outcome = publisher.publishOldest();

        assertThat(outcome).isInstanceOf(Outcome.Damaged.class);
        assertThat(bus.attempts).isZero();
        assertThat(outbox.depth()).isEqualTo(2);
        assertThat(outbox.damaged()).isEqualTo(1);
        assertThat(outbox.damageOf(lost.snapshotId())).hasValueSatisfying(reason ->
                assertThat(reason).isEqualTo("its spool file " + lost.spoolFile()
                        + " is missing"));
        assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
                .startsWith("Cannot publish snapshot " + lost.snapshotId() + " (sequence "
                        + lost.sequence() + ") of appliance nas-17: its spool file")
                .endsWith("it stays in the outbox marked damaged, and later snapshots go on"));

        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Published(next.snapshotId()));
        assertThat(bus.segments).extracting(Segment::snapshotId).containsOnly(next.snapshotId());
    }

    @Test
    void aSpoolFileThatChangedIsNeverPublishedInPart() throws Exception {
        setUp();
        OutboxEntry truncated = add(3000);
        byte[] content = Files.readAllBytes(truncated.spoolFile());
        Files.write(truncated.spoolFile(), java.util.Arrays.copyOf(content, 2000));

        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Damaged(
                truncated.snapshotId(), "its spool file does not match the outbox entry (size"
                + " or SHA-256 changed)"));
        assertThat(bus.attempts).isZero();
        assertThat(bus.segments).isEmpty();
    }

    @Test
    void anOutboxFailureIsRetriedWithoutLosingAnything() throws Exception {
        setUp();
        OutboxEntry entry = add(100);
        outbox.failing(true);

        assertThat(publisher.publishOldest()).isInstanceOf(Outcome.Failed.class);

        outbox.failing(false);
        assertThat(publisher.publishOldest()).isEqualTo(new Outcome.Published(entry.snapshotId()));
    }

    private OutboxEntry add(int size) throws Exception {
        byte[] content = new byte[size];
        new Random(size).nextBytes(content);
        Path sealed = Files.write(Files.createTempFile(dir, "sealed", ".pgp"), content);
        clock.advance(Duration.ofMillis(1));
        return outbox.add(new NewSnapshot(SnapshotId.mint(clock), outbox.nextSequence(),
                Trigger.CHANGE, clock.instant()), sealed);
    }

    private byte[] reassembled(SnapshotId id) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        bus.segments.stream().filter(s -> s.snapshotId().equals(id))
                .forEach(s -> out.writeBytes(s.payload()));
        return out.toByteArray();
    }
}
