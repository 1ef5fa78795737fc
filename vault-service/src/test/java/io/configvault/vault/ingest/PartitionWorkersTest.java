package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PartitionWorkersTest {

    private static final TopicPartition P0 = new TopicPartition("t", 0);
    private static final TopicPartition P1 = new TopicPartition("t", 1);
    private static final TopicPartition P2 = new TopicPartition("t", 2);

    private final PartitionWorkers workers = new PartitionWorkers(2);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        workers.close();
    }

    @Test
    void partitionsRunSideBySideAndASlowOneDoesNotHoldUpTheOthers() throws Exception {
        CountDownLatch bothRunning = new CountDownLatch(2);
        workers.start(P0, () -> {
            bothRunning.countDown();
            awaitRelease();
            return null;
        });
        workers.start(P1, () -> {
            bothRunning.countDown();
            return null;
        });

        assertThat(bothRunning.await(10, TimeUnit.SECONDS)).isTrue();
        List<PartitionWorkers.Done> done = workers.await(List.of(P1));
        assertThat(done).extracting(PartitionWorkers.Done::partition).containsExactly(P1);
        assertThat(workers.busy(P0)).isTrue();
        assertThat(workers.busy(P1)).isFalse();

        release.countDown();
        assertThat(workers.await(workers.busyPartitions()))
                .extracting(PartitionWorkers.Done::partition).containsExactly(P0);
        assertThat(workers.busyPartitions()).isEmpty();
    }

    @Test
    void oneBatchPerPartitionAtMost() {
        workers.start(P0, this::awaitRelease);
        workers.start(P1, this::awaitRelease);

        assertThat(workers.busyPartitions()).containsExactlyInAnyOrder(P0, P1);
        assertThatThrownBy(() -> workers.start(P0, () -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("t-0 already has a batch in flight");
    }

    @Test
    void aTransientFailureIsHandedBackWithItsPartition() {
        TransientIngestException failure = new TransientIngestException("bucket unavailable",
                null);
        workers.start(P0, () -> failure);

        List<PartitionWorkers.Done> done = workers.await(List.of(P0, P1));

        assertThat(done).containsExactly(new PartitionWorkers.Done(P0, failure));
        assertThat(workers.busyPartitions()).isEmpty();
    }

    @Test
    void aFailureNoRetryMendsIsThrownAfterTheOtherBatchesEnded() {
        CountDownLatch slowEnded = new CountDownLatch(1);
        workers.start(P0, () -> {
            throw new IllegalStateException("bug");
        });
        workers.start(P1, () -> {
            awaitRelease();
            slowEnded.countDown();
            return null;
        });
        release.countDown();

        assertThatThrownBy(() -> workers.await(List.of(P0, P1)))
                .isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThat(slowEnded.getCount()).isZero();
        assertThat(workers.busyPartitions()).isEmpty();
    }

    @Test
    void awaitingPartitionsWithoutBatchesReturnsAtOnce() {
        workers.start(P2, this::awaitRelease);

        assertThat(workers.await(List.of(P0, P1))).isEmpty();
        assertThat(workers.busy(P2)).isTrue();
    }


    private TransientIngestException awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
