package io.configvault.shared.kafka;

import io.configvault.shared.health.CheckResult;
import io.configvault.shared.health.HealthCheck;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;

/**
 * Asks the cluster to describe itself with one admin client kept open (so a probe is one round
 * trip on an open connection, with the service's client settings), within {@link #TIMEOUT}.
 * UP with the number of brokers; DOWN with the client's error, or when it got no answer in time.
 * Kafka's error messages name brokers and mechanisms, never passwords. The admin client is
 * created at the first probe and again after a failed creation. Thread-safe.
 */
public final class KafkaClusterProbe implements HealthCheck, AutoCloseable {

    /** How long one probe waits for the cluster. */
    public static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final Properties settings;
    private final String bootstrapServers;
    private Admin admin;

    /**
     * @param settings         the admin client's settings: the service's bootstrap servers and
     *                         its client (security) settings
     * @param bootstrapServers shown in the details
     */
    public KafkaClusterProbe(Properties settings, String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public CheckResult run() throws InterruptedException {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("bootstrapServers", bootstrapServers);
        try {
            DescribeClusterOptions options = new DescribeClusterOptions()
                    .timeoutMs((int) TIMEOUT.toMillis());
            Collection<Node> nodes = admin().describeCluster(options).nodes()
                    .get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            details.put("reachable", !nodes.isEmpty());
            details.put("nodes", nodes.size());
            return nodes.isEmpty() ? CheckResult.down(details) : CheckResult.up(details);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return unreachable(details, CheckResult.describe(cause));
        } catch (TimeoutException e) {
            return unreachable(details, "no answer from the cluster within " + TIMEOUT.toMillis()
                    + " ms");
        } catch (KafkaException e) {
            // "Failed to create new KafkaAdminClient" says nothing; its cause says why.
            return unreachable(details, CheckResult.describe(e.getCause() == null ? e
                    : e.getCause()));
        }
    }

    private static CheckResult unreachable(Map<String, Object> details, String error) {
        details.put("reachable", false);
        details.put("error", error);
        return CheckResult.down(details);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(settings);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
