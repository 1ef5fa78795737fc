package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A vault that stops leaves its consumer group at once, so that another instance takes its
 * partitions now rather than after the session timeout (45 s by default).
 */
@ExtendWith(StackExtension.class)
class IngestShutdownIT {

    static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
    static final String GROUP = "vault-shutdown-it-" + SUFFIX;

    @TempDir
    Path dir;

    @Test
    void aStoppedVaultLeavesItsConsumerGroupAtOnce(LocalStack stack) throws Exception {
        String topic = "it.shutdown." + SUFFIX;
        stack.kafka().createTopics(1, topic, topic + ".quarantine");
        stack.s3().createBucket("vault-shutdown-" + SUFFIX);
        ApplicationContext vault = ApplicationContext.run(EmbeddedServer.class,
                config(stack, topic)).getApplicationContext();
        try (Admin admin = Admin.create(stack.kafkaProps())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> members(admin) == 1);

            vault.close();

            // Well below the 45 s session timeout: only a LeaveGroup empties the group this fast.
            await().atMost(Duration.ofSeconds(10)).until(() -> members(admin) == 0);
            assertThat(members(admin)).isZero();
        } finally {
            if (vault.isRunning()) {
                vault.close();
            }
        }
    }

    private static int members(Admin admin) throws Exception {
        return admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP).members()
                .size();
    }

    private Map<String, Object> config(LocalStack stack, String topic) throws Exception {
        Keys ingest = Keys.generate("ingest");
        Keys storage = Keys.generate("storage");
        Files.writeString(dir.resolve("ingest.asc"), ingest.generated().armoredSecretKey());
        Files.writeString(dir.resolve("storage.asc"), storage.generated().armoredSecretKey());
        Files.writeString(dir.resolve("passphrase"), "test-passphrase\n");
        Map<String, Object> config = new HashMap<>();
        config.put("micronaut.server.port", -1);
        config.put("vault.kafka.bootstrap-servers", stack.kafka().bootstrapServers());
        config.put("vault.kafka.snapshot-topic", topic);
        config.put("vault.kafka.quarantine-topic", topic + ".quarantine");
        config.put("vault.kafka.group-id", GROUP);
        config.put("vault.s3.endpoint", stack.s3().endpoint().toString());
        config.put("vault.s3.bucket", "vault-shutdown-" + SUFFIX);
        config.put("vault.s3.access-key-id", stack.s3().accessKey());
        config.put("vault.s3.secret-access-key", stack.s3().secretKey());
        config.put("vault.catalog-path", dir.resolve("catalog.db").toString());
        config.put("vault.spool-dir", dir.resolve("spool").toString());
        config.put("vault.keys.ingest-secret-key-file", dir.resolve("ingest.asc").toString());
        config.put("vault.keys.storage-secret-key-file", dir.resolve("storage.asc").toString());
        config.put("vault.keys.passphrase-file", dir.resolve("passphrase").toString());
        config.put("vault.api.admin-token-file", dir.resolve("admin-token").toString());
        return config;
    }
}
