package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import io.configvault.capture.testing.AgentApi;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.Fixtures;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.SnapshotTopic;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory source and a command source end to end against the real broker: captured on
 * request and on change, sealed, published as segments, decrypted and read back as the vault
 * would. A required source is disabled, so every snapshot says it is not restorable, and the
 * status probe says so too. A failing command fails the request with its exit code.
 */
@ExtendWith(StackExtension.class)
class SourceKindsIT {

    private static final String TOPIC = "source-kinds-it.snapshots";

    @TempDir
    static Path dir;

    private static Path avatars;
    private static Path dumpFails;
    private static Path dump;
    private static Path seed;
    private static EmbeddedServer server;
    private static AgentApi api;
    private static SnapshotTopic topic;

    @BeforeAll
    static void startAgent(LocalStack stack) throws Exception {
        stack.kafka().createTopics(1, TOPIC);
        Path database = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "passbolt-1");
        }
        avatars = Files.createDirectories(dir.resolve("avatars/Avatar/0f"));
        Files.write(avatars.resolve("ada.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1});
        Files.writeString(avatars.resolve("notes.txt"), "not an image");
        dumpFails = dir.resolve("dump-fails");
        dump = Fixtures.script(dir.resolve("bin/mysqldump"), """
                if [ -e '%s' ]; then
                  echo "mysqldump: Got error: 2002: Can't connect to local server" >&2
                  exit 3
                fi
                echo "-- MariaDB dump; database: $1"
                echo "CREATE TABLE secrets (id char(36));"
                """.formatted(dumpFails));
        seed = dir.resolve("pwenc_secret");

        Map<String, Object> properties = new HashMap<>(AgentConfig.of("passbolt-1", dir,
                database, stack.kafka().bootstrapServers(), TOPIC));
        properties.put("capture.kafka.segment-bytes", "4096");
        // As a YAML file gives them (lists inside a list element need that form).
        properties.keySet().removeIf(key -> key.startsWith("capture.sources"));
        properties.put("capture.sources", List.of(
                Map.of("name", "config.db", "kind", "sqlite", "path", database.toString(),
                        "sensitive", true),
                Map.of("name", "avatars", "kind", "directory",
                        "path", dir.resolve("avatars").toString(), "include", List.of("**.png")),
                Map.of("name", "passbolt.sql", "kind", "command",
                        "command", List.of(dump.toString(), "passbolt"), "timeout", "30s",
                        "sensitive", true, "required", true),
                Map.of("name", "pwenc_secret", "kind", "file", "path", seed.toString(),
                        "required", true, "enabled", false,
                        "description", "the password secret seed")));
        server = ApplicationContext.run(EmbeddedServer.class, properties);
        api = new AgentApi(server.getURL());
        topic = new SnapshotTopic(stack.kafka().bootstrapServers(), TOPIC);
    }

    @AfterAll
    static void stopAgent() throws Exception {
        if (server != null) {
            server.getApplicationContext().close();
        }
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void directoryAndCommandEntriesArePublishedAndTheSnapshotSaysWhyItIsNotRestorable()
            throws Exception {
        AgentApi.Response response = api.post("/api/v1/snapshots", null);
        assertThat(response.status()).isEqualTo(202);
        SnapshotId id = SnapshotId.parse(response.body().get("snapshotId").asText());

        SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(15))
                .until(() -> topic.snapshot(id), Optional::isPresent).orElseThrow();

        // (Another test may have added an avatar by now.)
        assertThat(snapshot.manifest().entries()).extracting(ManifestEntry::name,
                ManifestEntry::kind, ManifestEntry::sensitive).containsSubsequence(
                tuple("config.db", SourceKind.SQLITE, true),
                tuple("avatars/Avatar/0f/ada.png",
                        SourceKind.DIRECTORY, false),
                tuple("passbolt.sql", SourceKind.COMMAND, true));
        assertThat(snapshot.manifest().entries()).extracting(ManifestEntry::name)
                .doesNotContain("avatars/Avatar/0f/notes.txt").endsWith("passbolt.sql");
        assertThat(snapshot.entries().get("avatars/Avatar/0f/ada.png"))
                .isEqualTo(Files.readAllBytes(avatars.resolve("ada.png")));
        assertThat(new String(snapshot.entries().get("passbolt.sql"), StandardCharsets.UTF_8))
                .isEqualTo("-- MariaDB dump; database: passbolt\n"
                        + "CREATE TABLE secrets (id char(36));\n");
        String reason = "required source 'pwenc_secret' (" + seed + ") is missing: it is"
                + " disabled by capture.sources[3].enabled (the password secret seed)";
        assertThat(snapshot.manifest().restorable()).isFalse();
        assertThat(snapshot.manifest().notRestorableReason()).isEqualTo(reason);

        AgentApi.Response status = api.get("/api/v1/status");
        assertThat(status.body().get("restorable").asBoolean()).isFalse();
        assertThat(status.body().get("notRestorableReason").asText()).isEqualTo(reason);
        String metrics = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(server.getURI().resolve("/prometheus")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("configvault_snapshot_restorable 0.0");
    }

    @Test
    void aChangedFileInTheDirectorySourceIsCaptured() throws Exception {
        byte[] newAvatar = {(byte) 0x89, 'P', 'N', 'G', 2, 3, 4};
        Files.write(avatars.resolve("grace.png"), newAvatar);

        SnapshotTopic.Snapshot snapshot = await().atMost(Duration.ofSeconds(15))
                .until(() -> {
                    topic.poll();
                    return topic.snapshots().stream()
                            .filter(s -> s.manifest().trigger() == Trigger.CHANGE)
                            .filter(s -> s.entries().containsKey("avatars/Avatar/0f/grace.png"))
                            .findFirst();
                }, Optional::isPresent).orElseThrow();

        assertThat(snapshot.entries().get("avatars/Avatar/0f/grace.png")).isEqualTo(newAvatar);
    }

    @Test
    void aFailingCommandFailsTheRequestWithItsExitCodeAndNothingIsPublished() throws Exception {
        Files.writeString(dumpFails, "");
        try {
            AgentApi.Response response = api.post("/api/v1/snapshots", null);

            assertThat(response.status()).isEqualTo(503);
            assertThat(response.contentType()).startsWith("application/problem+json");
            String message = "Cannot capture MANUAL snapshot of appliance passbolt-1: cannot stage"
                    + " source 'passbolt.sql': command '" + dump + "' exited with code 3; its"
                    + " standard error ends with: mysqldump: Got error: 2002: Can't connect to"
                    + " local server";
            assertThat(response.body().get("detail").asText()).isEqualTo(message);
            AgentApi.Response status = api.get("/api/v1/status");
            assertThat(status.body().get("lastError").asText()).isEqualTo(message);
            assertThat(status.body().get("outboxDepth").asInt()).isZero();
        } finally {
            Files.delete(dumpFails);
        }
        assertThat(api.post("/api/v1/snapshots", null).status()).isEqualTo(202);
    }
}
