package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        TestVault settings = new TestVault(stack, dir, GROUP).withoutEscrow().withoutAppliances();
        ApplicationContext vault = ApplicationContext.run(EmbeddedServer.class,
                settings.config).getApplicationContext();
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
}
