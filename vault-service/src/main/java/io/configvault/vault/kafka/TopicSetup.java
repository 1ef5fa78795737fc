package io.configvault.vault.kafka;

import io.configvault.vault.config.TopicSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's topics at startup, before the ingest starts: creates the missing ones (when
 * {@code vault.kafka.topics.create} allows) with the configured partitions, replicas and topic
 * configuration, and checks existing ones ({@link TopicCheck}). Warnings are logged at WARN on
 * every start. Any failure stops startup with a message that names the brokers and the
 * {@code security.protocol} in use: a broker that does not answer in time is most often one that
 * speaks TLS to a client that does not.
 */
public final class TopicSetup {

    private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

    private final KafkaClients clients;
    private final TopicSettings settings;

    public TopicSetup(KafkaClients clients, TopicSettings settings) {
        this.clients = clients;
        this.settings = settings;
    }

    /**
     * @throws IllegalStateException "Cannot start vault: ..." when the brokers do not answer, a
     *     topic is missing and may not be created, or a topic cannot carry the snapshots
     */
    public TopicReport run() {
        List<TopicSpec> specs = TopicSpec.of(clients.settings(), settings);
        List<String> created = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        try (Admin admin = Admin.create(clients.admin())) {
            Map<String, TopicDescription> existing = describe(admin, specs);
            // Existing topics first: one the vault cannot use stops it before it creates any.
            for (TopicSpec spec : specs) {
                TopicDescription description = existing.get(spec.name());
                if (description != null) {
                    int replicas = description.partitions().getFirst().replicas().size();
                    warnings.addAll(TopicCheck.check(spec, settings, replicas,
                            config(admin, spec)));
                }
            }
            List<TopicSpec> missing = specs.stream()
                    .filter(spec -> !existing.containsKey(spec.name())).toList();
            create(admin, missing);
            for (TopicSpec spec : missing) {
                created.add(spec.name());
                warnings.addAll(TopicCheck.check(spec, settings, settings.replicationFactor(),
                        spec.creationConfig(settings)));
            }
        }
        created.forEach(topic -> LOG.info("Created Kafka topic {}", topic));
        warnings.forEach(warning -> LOG.warn("Kafka topic weakens durability: {}", warning));
        return new TopicReport(created, warnings);
    }

    private Map<String, TopicDescription> describe(Admin admin, List<TopicSpec> specs) {
        Map<String, KafkaFuture<TopicDescription>> futures = admin.describeTopics(
                specs.stream().map(TopicSpec::name).toList(),
                new DescribeTopicsOptions().timeoutMs(timeoutMs())).topicNameValues();
        Map<String, TopicDescription> existing = new HashMap<>();
        for (TopicSpec spec : specs) {
            try {
                existing.put(spec.name(), await(futures.get(spec.name())));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw failure("describe", spec, e.getCause());
                }
            }
        }
        return existing;
    }

    private void create(Admin admin, List<TopicSpec> missing) {
        if (missing.isEmpty()) {
            return;
        }
        if (!settings.create()) {
            TopicSpec spec = missing.getFirst();
            throw new IllegalStateException("Cannot start vault: topic '" + spec.name() + "' ("
                    + spec.setting() + ") does not exist on " + servers() + "; create it as"
                    + " docs/vault-service.md describes, or set vault.kafka.topics.create=true");
        }
        List<NewTopic> topics = missing.stream().map(spec -> new NewTopic(spec.name(),
                settings.partitions(), (short) settings.replicationFactor())
                .configs(spec.creationConfig(settings))).toList();
        Map<String, KafkaFuture<Void>> futures = admin.createTopics(topics,
                new CreateTopicsOptions().timeoutMs(timeoutMs())).values();
        for (TopicSpec spec : missing) {
            try {
                await(futures.get(spec.name()));
            } catch (ExecutionException e) {
                // Another vault instance starting at the same time created it first.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw failure("create", spec, e.getCause());
                }
            }
        }
    }

    private Map<String, String> config(Admin admin, TopicSpec spec) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
        try {
            Config config = await(admin.describeConfigs(List.of(resource),
                    new DescribeConfigsOptions().timeoutMs(timeoutMs())).values().get(resource));
            Map<String, String> values = new HashMap<>();
            for (ConfigEntry entry : config.entries()) {
                if (entry.value() != null) {
                    values.put(entry.name(), entry.value());
                }
            }
            return values;
        } catch (ExecutionException e) {
            throw failure("describe the configuration of", spec, e.getCause());
        }
    }

    private <T> T await(KafkaFuture<T> future) throws ExecutionException {
        try {
            // The admin call times out by itself; this only guards against a lost answer.
            return future.get(timeoutMs() + 5_000L, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ExecutionException(new org.apache.kafka.common.errors.TimeoutException(
                    "no answer", e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot start vault: interrupted while setting up"
                    + " the Kafka topics", e);
        }
    }

    private IllegalStateException failure(String step, TopicSpec spec, Throwable cause) {
        String where = " on " + servers() + " (security.protocol="
                + clients.securityProtocol() + ")";
        if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
            return new IllegalStateException("Cannot start vault: Kafka did not answer within "
                    + seconds(settings.timeout()) + where + " when asked to " + step + " topic '"
                    + spec.name() + "'; check vault.kafka.bootstrap-servers and that the brokers"
                    + " run, and if the listener uses TLS, set"
                    + " vault.kafka.client.security.protocol=SSL (or SASL_SSL with SASL)", cause);
        }
        if (cause instanceof AuthenticationException) {
            return new IllegalStateException("Cannot start vault: Kafka refused the vault's"
                    + " authentication" + where + " (" + cause.getMessage() + "); check the"
                    + " vault.kafka.client.ssl.* and sasl.* settings", cause);
        }
        if (cause instanceof AuthorizationException) {
            return new IllegalStateException("Cannot start vault: the vault's Kafka principal"
                    + " may not " + step + " topic '" + spec.name() + "'" + where + "; grant it"
                    + " (docs/vault-service.md lists the ACLs), or create the topics beforehand"
                    + " and set vault.kafka.topics.create=false", cause);
        }
        return new IllegalStateException("Cannot start vault: cannot " + step + " topic '"
                + spec.name() + "'" + where + ": " + cause.getMessage(), cause);
    }

    private String servers() {
        return clients.settings().bootstrapServers();
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s"
                : duration.toMillis() + " ms";
    }
}
