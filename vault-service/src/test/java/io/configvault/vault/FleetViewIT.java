package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fleet view against the real broker, S3 server and SQLite catalog: statuses never, healthy
 * and failing as events arrive (stale is the clock's business: {@code ApplianceStatusTest} and
 * {@code FleetControllersTest}), the gauge per status, snapshot pages by cursor and filter, and a
 * snapshot's manifest from the catalog and, when the catalog has none, from the object.
 */
@ExtendWith(StackExtension.class)
class FleetViewIT {

    static final String NAME = "fleet-view-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final Pattern GAUGE = Pattern.compile(
            "^configvault_appliances\\{status=\"(\\w+)\"} (\\S+)$", Pattern.MULTILINE);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    static TestVault settings;
    static EmbeddedServer server;
    static SnapshotPublisher publisher;
    static String token;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        settings = new TestVault(stack, dir, NAME).withoutEscrow();
        settings.config.put("vault.api.status-interval", "PT1S");
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        token = settings.adminToken();
        publisher = new SnapshotPublisher(stack, TestVault.topic(NAME));
    }

    @AfterAll
    static void stop() {
        if (publisher != null) {
            publisher.close();
        }
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    @Test
    void statusesFollowWhatArrivesAndTheGaugeCountsThem() throws Exception {
        JsonNode before = json("/api/v1/appliances?limit=1");
        assertThat(before.get("items")).hasSize(1);
        assertThat(before.get("next").asText()).isEqualTo("nas-1");
        assertThat(status("nas-2")).isEqualTo("never");

        Instant now = Instant.now();
        SnapshotId first = store("nas-1", settings.nas1, now.minusSeconds(300), Trigger.SCHEDULE,
                Map.of("etc/app.conf", "port=8080"));
        JsonNode nas1 = json("/api/v1/appliances/nas-1");
        assertThat(nas1.get("status").asText()).isEqualTo("healthy");
        assertThat(nas1.get("agentVersion").asText()).isEqualTo("test");
        assertThat(nas1.get("restorable").asBoolean()).isTrue();
        assertThat(nas1.get("lastSnapshot").get("id").asText()).isEqualTo(first.toString());
        assertThat(nas1.get("lastSnapshot").get("trigger").asText()).isEqualTo("SCHEDULE");
        assertThat(nas1.get("lastSeenAt").asText()).isNotBlank();

        store("nas-2", settings.nas2, now.minusSeconds(200), Trigger.SCHEDULE,
                Map.of("etc/app.conf", "port=9090"));
        // Signed with nas-1's key: the ingest refuses it and records it as nas-2's last error.
        TestSnapshots.Sealed forged = TestSnapshots.seal(dir, "nas-2", "lab",
                Map.of("etc/app.conf", "evil"), settings.ingest.publicKey(),
                settings.nas1.secret());
        publisher.publish(forged.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() -> status("nas-2").equals("failing"));
        JsonNode error = json("/api/v1/appliances/nas-2").get("lastError");
        assertThat(error.get("category").asText()).isEqualTo("signature");
        assertThat(error.get("reason").asText()).isNotBlank();
        assertThat(error.get("at").asText()).isNotBlank();

        JsonNode failing = json("/api/v1/appliances?status=failing");
        assertThat(failing.get("items")).singleElement()
                .satisfies(item -> assertThat(item.get("id").asText()).isEqualTo("nas-2"));
        assertThat(json("/api/v1/appliances?fleet=prod").get("items")).isEmpty();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(gauge("healthy")).isEqualTo(1);
            assertThat(gauge("failing")).isEqualTo(1);
            assertThat(gauge("never")).isZero();
            assertThat(gauge("stale")).isZero();
        });
    }

    @Test
    void snapshotsArePagedByCursorFilteredAndShownWithTheirManifest() throws Exception {
        Instant base = Instant.now().minus(Duration.ofDays(3));
        List<SnapshotId> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(store("nas-1", settings.nas1, base.plusSeconds(i * 60L),
                    i == 1 ? Trigger.CHANGE : Trigger.SCHEDULE, Map.of("config.db", "v" + i)));
        }
        String window = "from=" + encode(base.toString()) + "&to="
                + encode(base.plusSeconds(3600).toString());

        JsonNode page = json("/api/v1/appliances/nas-1/snapshots?limit=2&" + window);
        assertThat(page.get("items").findValuesAsText("id"))
                .containsExactly(ids.get(2).toString(), ids.get(1).toString());
        JsonNode rest = json("/api/v1/appliances/nas-1/snapshots?limit=2&" + window + "&cursor="
                + page.get("next").asText());
        assertThat(rest.get("items").findValuesAsText("id"))
                .containsExactly(ids.get(0).toString());
        assertThat(rest.get("next").isNull()).isTrue();
        assertThat(json("/api/v1/appliances/nas-1/snapshots?trigger=change&" + window)
                .get("items").findValuesAsText("id")).containsExactly(ids.get(1).toString());

        HttpResponse<byte[]> bad = get("/api/v1/appliances/nas-1/snapshots?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(new String(bad.body(), StandardCharsets.UTF_8)).contains("Invalid from");
        assertThat(get("/api/v1/appliances/nas-1/snapshots?cursor=%2e%2e").statusCode())
                .isEqualTo(400);
        assertThat(get("/api/v1/appliances?limit=1001").statusCode()).isEqualTo(400);

        JsonNode detail = json("/api/v1/snapshots/" + ids.get(1));
        assertThat(detail.get("id").asText()).isEqualTo(ids.get(1).toString());
        assertThat(detail.get("trigger").asText()).isEqualTo("CHANGE");
        assertThat(detail.get("manifestSource").asText()).isEqualTo("catalog");
        assertThat(detail.get("agentVersion").asText()).isEqualTo("test");
        JsonNode entry = detail.get("entries").get(0);
        assertThat(entry.get("name").asText()).isEqualTo("config.db");
        assertThat(entry.get("size").asLong()).isEqualTo(2);
        assertThat(entry.get("sha256").asText()).hasSize(64);
        assertThat(entry.get("mode").asText()).isEqualTo("0600");
        assertThat(entry.get("sensitive").asBoolean()).isTrue();
        assertThat(new String(get("/api/v1/snapshots/" + ids.get(1)).body(),
                StandardCharsets.UTF_8)).doesNotContain("snapshots/lab/");

        // As for a snapshot stored before the catalog kept manifests.
        try (var connection = DriverManager.getConnection("jdbc:sqlite:" + settings.catalog());
             var delete = connection.prepareStatement(
                     "DELETE FROM snapshot_manifests WHERE snapshot_id = ?")) {
            delete.setString(1, ids.get(0).toString());
            delete.executeUpdate();
        }
        JsonNode fromObject = json("/api/v1/snapshots/" + ids.get(0));
        assertThat(fromObject.get("manifestSource").asText()).isEqualTo("object");
        assertThat(fromObject.get("entries").findValuesAsText("name"))
                .containsExactly("config.db");
    }

    private static SnapshotId store(String appliance, Keys key, Instant at, Trigger trigger,
                                    Map<String, String> entries) throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.fixed(at, ZoneOffset.UTC));
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, appliance, "lab", id, 1, trigger,
                ZoneId.of("UTC"), entries, settings.ingest.publicKey(), key.secret());
        publisher.publish(sealed.records(4096));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                get("/api/v1/snapshots/" + id).statusCode() == 200);
        return id;
    }

    private static String status(String appliance) throws Exception {
        return json("/api/v1/appliances/" + appliance).get("status").asText();
    }

    private static double gauge(String status) throws Exception {
        Matcher m = GAUGE.matcher(new String(VaultHttp.get(server, "/prometheus", null).body(),
                StandardCharsets.UTF_8));
        while (m.find()) {
            if (m.group(1).equals(status)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no gauge configvault_appliances for status " + status);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<byte[]> response = get(path);
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return VaultHttp.get(server, path, token);
    }
}
