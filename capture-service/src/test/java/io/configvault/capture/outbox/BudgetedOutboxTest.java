package io.configvault.capture.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.status.AgentStatus;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget over the real SQLite outbox: what is dropped, what is kept, what is said. */
class BudgetedOutboxTest {

    @TempDir
    Path dir;

    private final AgentStatus status = new AgentStatus(Clock.systemUTC());

    private OutboxEntry add(Outbox outbox, int bytes) throws Exception {
        Path sealed = Files.write(Files.createTempFile(dir, "sealed", ".pgp"), new byte[bytes]);
        return outbox.add(new NewSnapshot(SnapshotId.mint(Clock.systemUTC()),
                outbox.nextSequence(), Trigger.CHANGE, Clock.systemUTC().instant()), sealed);
    }

    @Test
    void aLongOutageDropsTheMiddleLoudlyAndKeepsTheOldestAndTheNewest() throws Exception {
        List<OutboxEntry> added = new ArrayList<>();
        try (Outbox outbox = new BudgetedOutbox(SqliteOutbox.open(dir.resolve("data")),
                3 * 1000, status)) {
            for (int i = 0; i < 6; i++) {
                added.add(add(outbox, 1000));
            }

            assertThat(outbox.held()).extracting(Outbox.Held::snapshotId).containsExactly(
                    added.get(0).snapshotId(), added.get(4).snapshotId(),
                    added.get(5).snapshotId());
            assertThat(outbox.evicted()).isEqualTo(3);
            assertThat(added.get(1).spoolFile()).doesNotExist();
            assertThat(status.lastError()).hasValueSatisfying(error -> assertThat(error)
                    .isEqualTo("The outbox budget of 3000 bytes is exhausted: 3 unpublished"
                            + " snapshot(s) dropped so far (see the log); is the bus reachable?"));
        }
        try (Outbox reopened = SqliteOutbox.open(dir.resolve("data"))) {
            assertThat(reopened.evicted()).isEqualTo(3);
            assertThat(reopened.depth()).isEqualTo(3);
        }
    }

    @Test
    void aSnapshotThatCannotFitNextToTheOldestIsRefusedAndNothingIsDropped() throws Exception {
        try (Outbox outbox = new BudgetedOutbox(SqliteOutbox.open(dir.resolve("data")), 2000,
                status)) {
            OutboxEntry oldest = add(outbox, 1500);
            SnapshotId id = SnapshotId.mint(Clock.systemUTC());
            Path sealed = Files.write(dir.resolve("big.pgp"), new byte[1000]);

            assertThatThrownBy(() -> outbox.add(new NewSnapshot(id, outbox.nextSequence(),
                    Trigger.MANUAL, Clock.systemUTC().instant()), sealed))
                    .isInstanceOf(OutboxException.class)
                    .hasMessage("Cannot keep snapshot " + id + " in the outbox: it needs 2500"
                            + " bytes next to the oldest undelivered snapshot, more than the"
                            + " budget of 2000 bytes (capture.outbox.max-bytes)");
            assertThat(outbox.held()).extracting(Outbox.Held::snapshotId)
                    .containsExactly(oldest.snapshotId());
            assertThat(outbox.evicted()).isZero();
        }
    }

    @Test
    void aHeartbeatThatDoesNotFitIsRefusedAndDropsNoSnapshot() throws Exception {
        try (Outbox outbox = new BudgetedOutbox(SqliteOutbox.open(dir.resolve("data")), 2000,
                status)) {
            OutboxEntry oldest = add(outbox, 1000);
            OutboxEntry middle = add(outbox, 900);
            SnapshotId fits = SnapshotId.mint(Clock.systemUTC());
            outbox.add(new NewSnapshot(fits, outbox.nextSequence(), Trigger.SCHEDULE,
                    Clock.systemUTC().instant(), EventKind.HEARTBEAT, "a".repeat(64)),
                    Files.write(dir.resolve("fits.pgp"), new byte[100]));
            SnapshotId id = SnapshotId.mint(Clock.systemUTC());
            Path sealed = Files.write(dir.resolve("heartbeat.pgp"), new byte[100]);

            assertThatThrownBy(() -> outbox.add(new NewSnapshot(id, outbox.nextSequence(),
                    Trigger.SCHEDULE, Clock.systemUTC().instant(), EventKind.HEARTBEAT,
                    "a".repeat(64)), sealed))
                    .isInstanceOf(OutboxException.class)
                    .hasMessage("Cannot keep heartbeat " + id + " in the outbox: it is full"
                            + " (2000 of 2000 bytes, capture.outbox.max-bytes), and no snapshot"
                            + " is dropped for a heartbeat");
            assertThat(outbox.held()).extracting(Outbox.Held::snapshotId)
                    .containsExactly(oldest.snapshotId(), middle.snapshotId(), fits);
            assertThat(outbox.evicted()).isZero();
        }
    }

    @Test
    void theAlertClearsOnceTheBacklogHasDrained() throws Exception {
        try (Outbox outbox = new BudgetedOutbox(SqliteOutbox.open(dir.resolve("data")), 2000,
                status)) {
            List<OutboxEntry> added = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                added.add(add(outbox, 1000));
            }
            assertThat(status.lastError()).isPresent();

            for (Outbox.Held held : outbox.held()) {
                outbox.remove(held.snapshotId());
            }

            assertThat(status.lastError()).isEmpty();
            assertThat(outbox.evicted()).isEqualTo(1);
        }
    }
}
