package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.retention.Ownership;
import io.configvault.vault.retention.RetentionService;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * ARCHITECTURE §11 against the real broker: two vault instances in one group split a
 * four-partition snapshot topic, and the appliances retention lets each prune are exactly the
 * appliances whose events it consumes — every appliance owned by one of them, and a snapshot
 * stored by the instance that owns its appliance (each has its own catalog here).
 */
@ExtendWith(StackExtension.class)
class RetentionOwnershipIT {

    @TempDir
    Path dir;

    @Test
    void twoInstancesSplitTheAppliancesAsTheyConsumeTheirEvents(LocalStack stack)
            throws Exception {
        String name = "ownership-it-" + UUID.randomUUID().toString().substring(0, 8);
        TestVault first = new TestVault(stack, Files.createDirectories(dir.resolve("a")), name);
        String topic = name + ".four";
        stack.kafka().createTopics(4, topic);
        first.config.put("vault.kafka.snapshot-topic", topic);
        Map<String, Object> second = new HashMap<>(first.config);
        Path b = Files.createDirectories(dir.resolve("b"));
        second.put("vault.catalog-path", b.resolve("catalog.db").toString());
        second.put("vault.spool-dir", b.resolve("spool").toString());
        second.put("vault.api.admin-token-file", b.resolve("admin-token").toString());
        List<String> appliances = IntStream.range(0, 100).mapToObj(i -> "appliance-" + i)
                .toList();

        try (EmbeddedServer a = ApplicationContext.run(EmbeddedServer.class, first.config)) {
            Ownership ownsA = a.getApplicationContext().getBean(Ownership.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> ownsA.description()
                    .equals("partitions 0, 1, 2, 3 of 4 of topic " + topic));
            assertThat(appliances).allMatch(ownsA::owns);
            assertThat(a.getApplicationContext().getBean(RetentionService.class)).isNotNull();

            try (EmbeddedServer bVault = ApplicationContext.run(EmbeddedServer.class, second);
                 SnapshotPublisher publisher = new SnapshotPublisher(stack, topic)) {
                Ownership ownsB = bVault.getApplicationContext().getBean(Ownership.class);
                await().atMost(Duration.ofSeconds(60)).until(() -> ownsA.ownsAny()
                        && ownsB.ownsAny() && appliances.stream()
                        .allMatch(id -> ownsA.owns(id) != ownsB.owns(id)));
                assertThat(appliances).anyMatch(ownsA::owns).anyMatch(ownsB::owns);

                for (String appliance : List.of("nas-1", "nas-2")) {
                    TestSnapshots.Keys signer = appliance.equals("nas-1") ? first.nas1
                            : first.nas2;
                    publisher.publish(TestSnapshots.seal(dir, appliance, "lab",
                            Map.of("app.conf", "x=1\n"), first.ingest.publicKey(),
                            signer.secret()).records(4096));
                    boolean aOwns = ownsA.owns(appliance);
                    Catalog owner = (aOwns ? a : bVault).getApplicationContext()
                            .getBean(Catalog.class);
                    Catalog other = (aOwns ? bVault : a).getApplicationContext()
                            .getBean(Catalog.class);
                    await().atMost(Duration.ofSeconds(30)).until(() ->
                            owner.snapshots(appliance, 10).size() == 1);
                    assertThat(other.snapshots(appliance, 10)).as(appliance).isEmpty();
                }
            }
        }
    }
}
