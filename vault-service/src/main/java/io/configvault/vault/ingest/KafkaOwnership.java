package io.configvault.vault.ingest;

import io.configvault.vault.retention.Ownership;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * {@link Ownership} from the ingest consumer's current assignment: an appliance is owned when
 * the partition its events land on is assigned to this instance. Agents key every record with
 * the appliance id (UTF-8) and use Kafka's default partitioner, which puts a keyed record on
 * {@code toPositive(murmur2(key)) % partitions}; so does this class, with the topic's partition
 * count as of the latest assignment. Updated by {@link KafkaIngestLoop} from the rebalance
 * callbacks (added and removed partitions, so that eager and cooperative rebalancing both work);
 * before the first assignment, after a failed partition count, and once the loop stopped, it
 * owns nothing. Thread-safe: readers see one immutable snapshot of the assignment.
 */
public final class KafkaOwnership implements Ownership {

    private record Assignment(Set<Integer> partitions, int partitionCount) {
    }

    private final String topic;
    private volatile Assignment current = new Assignment(Set.of(), 0);

    public KafkaOwnership(String topic) {
        this.topic = topic;
    }

    /** The partition Kafka's default partitioner gives a record keyed by this appliance id. */
    static int partitionOf(String applianceId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(applianceId.getBytes(StandardCharsets.UTF_8)))
                % partitionCount;
    }

    @Override
    public boolean owns(String applianceId) {
        Assignment assignment = current;
        return assignment.partitionCount() > 0 && assignment.partitions()
                .contains(partitionOf(applianceId, assignment.partitionCount()));
    }

    @Override
    public boolean ownsAny() {
        Assignment assignment = current;
        return assignment.partitionCount() > 0 && !assignment.partitions().isEmpty();
    }

    @Override
    public String description() {
        Assignment assignment = current;
        if (assignment.partitions().isEmpty()) {
            return "no partition of topic " + topic;
        }
        if (assignment.partitionCount() == 0) {
            return "partitions " + list(assignment.partitions()) + " of topic " + topic
                    + " (its partition count is unknown)";
        }
        return "partitions " + list(assignment.partitions()) + " of "
                + assignment.partitionCount() + " of topic " + topic;
    }

    /**
     * Partitions added to the assignment.
     *
     * @param partitionCount the topic's partition count now, or 0 when it could not be read
     */
    synchronized void assigned(Collection<TopicPartition> added, int partitionCount) {
        Set<Integer> partitions = new TreeSet<>(current.partitions());
        added.stream().filter(p -> p.topic().equals(topic)).forEach(p -> partitions.add(
                p.partition()));
        current = new Assignment(Set.copyOf(partitions), partitionCount);
    }

    /** Partitions taken away (revoked or lost). */
    synchronized void revoked(Collection<TopicPartition> removed) {
        Set<Integer> partitions = new TreeSet<>(current.partitions());
        removed.stream().filter(p -> p.topic().equals(topic)).forEach(p -> partitions.remove(
                p.partition()));
        current = new Assignment(Set.copyOf(partitions), current.partitionCount());
    }

    /** The loop stopped: nothing is owned any more. */
    synchronized void clear() {
        current = new Assignment(Set.of(), 0);
    }

    private static String list(Set<Integer> partitions) {
        return new TreeSet<>(partitions).stream().map(String::valueOf)
                .collect(Collectors.joining(", "));
    }
}
