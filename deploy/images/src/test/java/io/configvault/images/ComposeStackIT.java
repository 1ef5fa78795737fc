package io.configvault.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.stack.KafkaBroker;
import io.configvault.stack.S3Server;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code deploy/compose} as an operator runs it, without a container engine: a copy of the
 * directory, {@code init-secrets.sh} run in it, {@code volume-init}'s script done on the host
 * ({@link ComposeOneShots}), a real broker and s3proxy (deploy/stack)
 * with the S3 key pair of the secret files, then the vault and both agents from the image
 * tarballs ({@link ChrootContainer}) with exactly their compose user, environment, volumes and
 * secrets as {@code compose.yaml} says ({@link ComposeStack}). The vault creates its topics (the
 * compose broker creates none by itself). Each agent's snapshot is listed
 * by the vault's API under the admin token init-secrets.sh made, and a change of demo appliance
 * 1's {@code config.db} is a second snapshot.
 *
 * <p>What differs from compose, because the containers share the host's network here: compose's
 * host names are not resolvable and its ports would collide, so the environment also sets
 * {@code VAULT_KAFKA_BOOTSTRAP_SERVERS}, {@code VAULT_S3_ENDPOINT},
 * {@code CAPTURE_KAFKA_BOOTSTRAP_SERVERS} (the real servers on 127.0.0.1) and
 * {@code MICRONAUT_SERVER_PORT} (a free port per service) over the mounted configuration files;
 * the broker and s3proxy are deploy/stack's rather than the Kafka and s3proxy images.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    private static final Path ROOT = Path.of(System.getProperty("configvault.root", "../.."));
    private static final Path WORK = ROOT.resolve("deploy/images/target/compose-stack-it")
            .toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AGENTS = List.of("agent-1", "agent-2");

    private static ComposeStack stack;
    private static KafkaBroker kafka;
    private static S3Server s3;

    @BeforeAll
    static void composeUp() throws IOException {
        assertThat(Shell.check(List.of("id", "-u"), 10).strip())
                .as("ComposeStackIT runs images as a container engine does: it needs root")
                .isEqualTo("0");
        Shell.check(List.of("rm", "-rf", WORK.toString()), 60);
        Path dir = Files.createDirectories(WORK.resolve("compose"));
        try (var files = Files.list(ROOT.resolve("deploy/compose"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, dir.resolve(file.getFileName()));
            }
        }
        Shell.check(List.of("bash", dir.resolve("init-secrets.sh").toString()), 120);
        stack = new ComposeStack(ComposeFile.read(dir.resolve("compose.yaml")), WORK);
        s3 = stack.startS3(WORK.resolve("s3"));
        kafka = KafkaBroker.start(WORK.resolve("kafka"), 0);
        stack.unpackImages(ROOT);

        stack.start("vault", Map.of("VAULT_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "VAULT_S3_ENDPOINT", s3.endpoint().toString()));
        for (String agent : AGENTS) {
            stack.start(agent, Map.of("CAPTURE_KAFKA_BOOTSTRAP_SERVERS",
                    kafka.bootstrapServers()));
        }
    }

    @AfterAll
    static void composeDown() throws InterruptedException {
        if (stack != null) {
            stack.stopAll();
        }
        if (s3 != null) {
            s3.close();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    @Order(1)
    void theVaultAndBothAgentsAreUp() {
        for (String service : List.of("vault", "agent-1", "agent-2")) {
            stack.awaitHealthUp(service);
        }
    }

    @Test
    @Order(2)
    void theVaultCreatedItsTopicsAsVaultYmlSays() throws Exception {
        stack.awaitHealthUp("vault");
        Properties settings = new Properties();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin admin = Admin.create(settings)) {
            List<String> names = List.of("configvault.snapshots", "configvault.quarantine",
                    "configvault.commands");
            Map<String, TopicDescription> topics = admin.describeTopics(names)
                    .allTopicNames().get(30, TimeUnit.SECONDS);
            assertThat(topics.values()).allSatisfy(topic ->
                    assertThat(topic.partitions()).hasSize(3));
            ConfigResource snapshots = new ConfigResource(ConfigResource.Type.TOPIC,
                    "configvault.snapshots");
            Config config = admin.describeConfigs(List.of(snapshots)).all()
                    .get(30, TimeUnit.SECONDS).get(snapshots);
            assertThat(Integer.parseInt(config.get("max.message.bytes").value()))
                    .as("room for the agents' largest segment").isGreaterThanOrEqualTo(1114112);
            assertThat(config.get("min.insync.replicas").value()).isEqualTo("1");
        }
    }

    @Test
    @Order(3)
    void eachAgentsSnapshotIsListedByTheVault() throws Exception {
        stack.awaitHealthUp("vault");
        for (String agent : AGENTS) {
            stack.awaitHealthUp(agent);
            String answer = ServiceHttp.post(stack.port(agent), "/api/v1/snapshots",
                    "{\"label\":\"compose stack\"}");
            assertThat(answer).startsWith("202 ");
            String id = JSON.readTree(answer.substring(4)).get("snapshotId").asText();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(snapshots(stack.applianceId(agent)))
                            .extracting(s -> s.get("id").asText()).contains(id));
        }
    }

    @Test
    @Order(4)
    void aChangeOfDemoApplianceOneIsASecondSnapshot() throws Exception {
        String applianceId = stack.applianceId("agent-1");
        Path db = stack.hostPath("agent-1", "/srv/appliance").resolve("config.db");
        Shell.check(List.of("sqlite3", db.toString(),
                "UPDATE system_settings SET value = 'nas-1b' WHERE key = 'hostname'"), 30);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(snapshots(applianceId))
                        .hasSizeGreaterThanOrEqualTo(2)
                        .anySatisfy(s -> assertThat(s.get("trigger").asText())
                                .isEqualTo("CHANGE")));
    }

    /** The vault's list of the appliance's snapshots, asked with the admin token. */
    private static List<JsonNode> snapshots(String applianceId) throws Exception {
        String answer = ServiceHttp.get(stack.port("vault"),
                "/api/v1/appliances/" + applianceId + "/snapshots", stack.adminToken());
        assertThat(answer).startsWith("200 ");
        List<JsonNode> items = new ArrayList<>();
        JSON.readTree(answer.substring(4)).get("items").forEach(items::add);
        return items;
    }
}
