package io.configvault.capture.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link Outbox} must do; run against the SQLite outbox and the in-memory fake. */
abstract class OutboxContract {

    @TempDir
    Path dir;

    final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    Outbox outbox;

    abstract Outbox open(Path dir) throws Exception;

    @BeforeEach
    void openOutbox() throws Exception {
        outbox = open(dir.resolve("data"));
    }

    @AfterEach
    void closeOutbox() {
        outbox.close();
    }

    @Test
    void sequenceNumbersIncrease() throws Exception {
        long first = outbox.nextSequence();
        long second = outbox.nextSequence();

        assertThat(first).isPositive();
        assertThat(second).isGreaterThan(first);
    }

    @Test
    void entriesComeOutOldestFirstAndStayUntilRemoved() throws Exception {
        List<SnapshotId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(add("sealed " + i).snapshotId());
        }

        assertThat(outbox.depth()).isEqualTo(3);
        assertThat(outbox.oldest()).map(OutboxEntry::snapshotId).contains(ids.get(0));
        assertThat(outbox.oldest()).map(OutboxEntry::snapshotId).contains(ids.get(0));

        outbox.remove(ids.get(0));
        assertThat(outbox.oldest()).map(OutboxEntry::snapshotId).contains(ids.get(1));
        outbox.remove(ids.get(1));
        outbox.remove(ids.get(1));
        outbox.remove(ids.get(2));

        assertThat(outbox.oldest()).isEmpty();
        assertThat(outbox.depth()).isZero();
    }

    @Test
    void addMovesTheSealedFileIntoTheSpoolAndRecordsItsDigest() throws Exception {
        Path sealed = Files.writeString(dir.resolve("sealed.pgp"), "sealed bytes");
        String sha256 = Sha256.of(sealed);
        SnapshotId id = SnapshotId.mint(clock);
        long sequence = outbox.nextSequence();

        OutboxEntry entry = outbox.add(new NewSnapshot(id, sequence, Trigger.MANUAL,
                clock.instant()), sealed);

        assertThat(sealed).doesNotExist();
        assertThat(entry.spoolFile()).hasContent("sealed bytes");
        assertThat(entry).isEqualTo(new OutboxEntry(id, sequence, Trigger.MANUAL,
                clock.instant(), 12, sha256, entry.spoolFile()));
        assertThat(outbox.oldest()).contains(entry);

        outbox.remove(id);
        assertThat(entry.spoolFile()).doesNotExist();
    }

    @Test
    void aDamagedEntryStaysButNoLongerBlocksTheOthers() throws Exception {
        OutboxEntry first = add("one");
        OutboxEntry second = add("two");

        outbox.markDamaged(first.snapshotId(), "its spool file is missing");
        outbox.markDamaged(first.snapshotId(), "its spool file is missing");

        assertThat(outbox.oldest()).contains(second);
        assertThat(outbox.depth()).isEqualTo(2);
        assertThat(outbox.damaged()).isEqualTo(1);
    }

    @Test
    void addingWakesAWaiter() throws Exception {
        assertThat(outbox.awaitEntries(Duration.ofMillis(10))).isFalse();

        add("one");

        assertThat(outbox.awaitEntries(Duration.ofSeconds(5))).isTrue();
        assertThat(outbox.awaitEntries(Duration.ofMillis(10))).isFalse();
    }

    @Test
    void anEvictedEntryLeavesWithItsFileAndIsCounted() throws Exception {
        OutboxEntry first = add("one");
        OutboxEntry second = add("two!");

        assertThat(outbox.held()).containsExactly(
                new Outbox.Held(first.snapshotId(), first.sequence(), 3, false),
                new Outbox.Held(second.snapshotId(), second.sequence(), 4, false));
        outbox.evict(first.snapshotId(), "test eviction");
        outbox.evict(first.snapshotId(), "test eviction");

        assertThat(first.spoolFile()).doesNotExist();
        assertThat(outbox.held()).extracting(Outbox.Held::snapshotId)
                .containsExactly(second.snapshotId());
        assertThat(outbox.evicted()).isEqualTo(1);
        assertThat(outbox.oldest()).contains(second);
    }

    @Test
    void aSnapshotWithItsContentDigestBecomesTheLastSnapshotAndAHeartbeatDoesNot()
            throws Exception {
        assertThat(outbox.lastSnapshot()).isEmpty();

        OutboxEntry snapshot = add("snapshot", EventKind.SNAPSHOT, DIGEST_A);
        OutboxEntry heartbeat = add("heartbeat", EventKind.HEARTBEAT, DIGEST_A);

        assertThat(outbox.lastSnapshot()).contains(
                new Outbox.LastSnapshot(snapshot.snapshotId(), DIGEST_A));
        assertThat(outbox.oldest()).contains(snapshot);
        assertThat(snapshot.kind()).isEqualTo(EventKind.SNAPSHOT);
        outbox.remove(snapshot.snapshotId());
        assertThat(outbox.oldest()).contains(heartbeat);
        assertThat(heartbeat.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(outbox.lastSnapshot()).as("published snapshots stay the last one")
                .contains(new Outbox.LastSnapshot(snapshot.snapshotId(), DIGEST_A));

        OutboxEntry next = add("next", EventKind.SNAPSHOT, DIGEST_B);
        assertThat(outbox.lastSnapshot()).contains(
                new Outbox.LastSnapshot(next.snapshotId(), DIGEST_B));
        add("no digest");
        assertThat(outbox.lastSnapshot()).as("a snapshot of unknown content").isEmpty();
    }

    @Test
    void evictingOrDamagingTheLastSnapshotForgetsIt() throws Exception {
        add("oldest", EventKind.SNAPSHOT, DIGEST_A);
        OutboxEntry evicted = add("evicted", EventKind.SNAPSHOT, DIGEST_A);
        outbox.evict(evicted.snapshotId(), "test eviction");
        assertThat(outbox.lastSnapshot()).isEmpty();

        OutboxEntry damaged = add("damaged", EventKind.SNAPSHOT, DIGEST_B);
        outbox.markDamaged(damaged.snapshotId(), "its spool file is missing");
        assertThat(outbox.lastSnapshot()).isEmpty();

        OutboxEntry kept = add("kept", EventKind.SNAPSHOT, DIGEST_B);
        OutboxEntry heartbeat = add("heartbeat", EventKind.HEARTBEAT, DIGEST_B);
        outbox.evict(heartbeat.snapshotId(), "test eviction");
        assertThat(outbox.lastSnapshot()).as("other entries do not touch it")
                .contains(new Outbox.LastSnapshot(kept.snapshotId(), DIGEST_B));
    }

    static final String DIGEST_A = "a".repeat(64);
    static final String DIGEST_B = "b".repeat(64);

    OutboxEntry add(String content, EventKind kind, String contentDigest) throws Exception {
        Path sealed = Files.writeString(Files.createTempFile(dir, "sealed", ".tmp"), content);
        clock.advance(Duration.ofMillis(5));
        return outbox.add(new NewSnapshot(SnapshotId.mint(clock), outbox.nextSequence(),
                Trigger.CHANGE, clock.instant(), kind, contentDigest), sealed);
    }

    OutboxEntry add(String content) throws Exception {
        Path sealed = Files.writeString(Files.createTempFile(dir, "sealed", ".tmp"), content);
        clock.advance(Duration.ofMillis(5));
        return outbox.add(new NewSnapshot(SnapshotId.mint(clock), outbox.nextSequence(),
                Trigger.CHANGE, clock.instant()), sealed);
    }

    Optional<OutboxEntry> oldest() throws Exception {
        return outbox.oldest();
    }
}
