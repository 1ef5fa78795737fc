package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.stack.LocalStack;
import io.configvault.stack.FreePorts;
import io.configvault.stack.StackExtension;
import io.configvault.vault.kafka.TopicReport;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The S3 settings bind from the vault's configuration, and a store or setting the vault cannot
 * rely on stops the whole vault at startup — before the ingest loop, which needs the store.
 */
@ExtendWith(StackExtension.class)
class VaultStartupIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "vault.s3.object-lock|required|S3 self-test failed: vault.s3.object-lock=required but"
                + " bucket '%s' has no Object Lock (GetObjectLockConfiguration answered 501"
                + " NotImplemented)",
        "vault.s3.request-checksum-calculation|always|vault.s3.request-checksum-calculation must"
                + " be when-required or when-supported, not 'always'",
        "vault.s3.multipart-threshold|1000|vault.s3.multipart-threshold must be between 5242880"
                + " (5 MiB) and 5368709120 (5 GiB) bytes, not 1000",
        "vault.s3.bucket|no-such-bucket|bucket 'no-such-bucket' does not exist (404); create it"
                + " or fix vault.s3.bucket"})
    void aStoreOrSettingTheVaultCannotRelyOnStopsIt(String setting, String value, String problem,
                                                     LocalStack stack) throws Exception {
        String name = "startup-it-" + UUID.randomUUID().toString().substring(0, 8);
        TestVault vault = new TestVault(stack, dir, name);
        vault.config.put(setting, value);

        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, vault.config)
                .close())
                .satisfies(e -> assertThat(startupProblem(e))
                        .startsWith("Cannot start vault: " + problem.formatted(name)));
        try (Admin admin = Admin.create(stack.kafkaProps())) {
            assertThat(admin.listConsumerGroups().all().get())
                    .as("the ingest loop never joined its consumer group")
                    .noneMatch(group -> group.groupId().equals(name));
        }
    }

    @Test
    void weakTopicsAreReportedAndAnUnreachableBrokerStopsTheVaultNamingItsProtocol(
            LocalStack stack) throws Exception {
        String name = "startup-it-" + UUID.randomUUID().toString().substring(0, 8);
        TestVault vault = new TestVault(stack, dir, name);
        vault.config.put("vault.kafka.topics.allow-single-replica", false);

        try (ApplicationContext context = ApplicationContext.run(EmbeddedServer.class,
                vault.config).getApplicationContext()) {
            assertThat(context.getBean(TopicReport.class).warnings())
                    .anyMatch(w -> w.startsWith("topic '" + TestVault.topic(name)
                            + "' (vault.kafka.snapshot-topic) has replication factor 1"));
        }

        int closed = FreePorts.pick();
        vault.config.put("vault.kafka.bootstrap-servers", "127.0.0.1:" + closed);
        vault.config.put("vault.kafka.topics.timeout", "2s");
        assertThatThrownBy(() -> ApplicationContext.run(EmbeddedServer.class, vault.config)
                .close())
                .satisfies(e -> assertThat(startupProblem(e)).isEqualTo("Cannot start vault:"
                        + " Kafka did not answer within 2 s on 127.0.0.1:" + closed
                        + " (security.protocol=PLAINTEXT) when asked to describe topic '"
                        + TestVault.topic(name) + "'; check vault.kafka.bootstrap-servers and"
                        + " that the brokers run, and if the listener uses TLS, set"
                        + " vault.kafka.client.security.protocol=SSL (or SASL_SSL with SASL)"));
    }

    private static String startupProblem(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause.getMessage() != null && cause.getMessage().startsWith("Cannot start")) {
                return cause.getMessage();
            }
        }
        return String.valueOf(e);
    }
}
