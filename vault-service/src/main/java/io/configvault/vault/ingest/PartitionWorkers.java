package io.configvault.vault.ingest;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;

/**
 * The ingest loop's worker threads: at most one batch of records per partition in flight, on a
 * fixed number of threads (batches beyond it wait their turn). The loop hands each partition's
 * batch over and then collects how they ended; while a batch is in flight only its worker touches
 * the partition's {@link PartitionIngest} (the {@link Future} hand-back orders the two threads'
 * views of it). Used by the loop's thread only.
 */
final class PartitionWorkers implements AutoCloseable {

    /** How a batch ended: normally, or with a transient failure to retry. */
    record Done(TopicPartition partition, TransientIngestException failure) {
    }

    /** A partition's batch of work; returns its transient failure, or null. */
    @FunctionalInterface
    interface Batch {
        TransientIngestException run();
    }

    private final ExecutorService threads;
    private final Map<TopicPartition, Future<TransientIngestException>> inFlight = new HashMap<>();

    PartitionWorkers(int size) {
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(size, task -> {
            Thread thread = new Thread(task, "vault-ingest-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code batch} for {@code partition}, which must have none in flight. */
    void start(TopicPartition partition, Batch batch) {
        if (inFlight.containsKey(partition)) {
            throw new IllegalStateException(partition + " already has a batch in flight");
        }
        inFlight.put(partition, threads.submit(batch::run));
    }

    boolean busy(TopicPartition partition) {
        return inFlight.containsKey(partition);
    }

    Collection<TopicPartition> busyPartitions() {
        return List.copyOf(inFlight.keySet());
    }

    /**
     * Waits for the batches of {@code partitions} (those in flight) and removes them.
     *
     * @throws RuntimeException a batch's own failure that no retry mends (the loop stops), after
     *     every other batch waited for ended
     */
    List<Done> await(Collection<TopicPartition> partitions) {
        List<TopicPartition> waited = partitions.stream().filter(inFlight::containsKey).toList();
        return collect(waited);
    }

    private List<Done> collect(List<TopicPartition> partitions) {
        List<Done> done = new ArrayList<>();
        RuntimeException fatal = null;
        boolean interrupted = false;
        for (TopicPartition partition : partitions) {
            Future<TransientIngestException> future = inFlight.remove(partition);
            while (true) {
                try {
                    done.add(new Done(partition, future.get()));
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (fatal == null) {
                        fatal = e.getCause() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException("Ingest of " + partition
                                        + " failed: " + e.getCause(), e.getCause());
                    }
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (fatal != null) {
            throw fatal;
        }
        return done;
    }

    /** Waits for every batch in flight, then stops the threads. */
    @Override
    public void close() {
        try {
            await(busyPartitions());
        } finally {
            threads.shutdownNow();
        }
    }
}
