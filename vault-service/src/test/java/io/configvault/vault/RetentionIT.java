package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.SqliteCatalog;
import io.configvault.vault.testing.SnapshotPublisher;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestVault;
import io.configvault.vault.testing.VaultHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Retention against the real broker, the real S3 server and the real SQLite catalog (issue 5's
 * done-when): 400 snapshots of 10 appliances in two fleets, spread over 400 days with mixed
 * triggers and zones, under three policies (vault, fleet, appliance) and a hold, are pruned to
 * exactly what the preview said — in the catalog, in the listing and in the bucket — and every
 * deletion is audited.
 */
@ExtendWith(StackExtension.class)
class RetentionIT {

    static final String BUCKET = "retention-it-" + UUID.randomUUID().toString().substring(0, 8);
    static final int APPLIANCES = 10;
    static final int PER_APPLIANCE = 40;
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dir;

    static LocalStack stack;
    static EmbeddedServer server;
    static TestVault settings;
    static String token;
    /** Snapshot ids per appliance, as published. */
    static final Map<String, List<SnapshotId>> published = new TreeMap<>();

    @BeforeAll
    static void start(LocalStack localStack) throws Exception {
        stack = localStack;
        settings = new TestVault(stack, dir, BUCKET).withoutEscrow().withoutAppliances();
        for (int i = 0; i < APPLIANCES; i++) {
            settings.config.put("vault.appliances[" + i + "].id", appliance(i));
            settings.config.put("vault.appliances[" + i + "].fleet", fleet(i));
            settings.config.put("vault.appliances[" + i + "].public-key-file",
                    dir.resolve("nas-1.pub.asc").toString());
        }
        // The test is about the policies: every snapshot is stored within seconds, so the
        // minimum-age floor and the burst guard would keep them all; no drills run, so the
        // newest-verified floor keeps none and nothing changes between preview and pass.
        settings.config.put("vault.retention.floor-min-age", "PT0S");
        settings.config.put("vault.retention.burst-max-snapshots", "1000");
        settings.config.put("vault.verify.enabled", "false");
        server = ApplicationContext.run(EmbeddedServer.class, settings.config);
        token = settings.adminToken();
        publishTimelines();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.getApplicationContext().close();
        }
    }

    static String appliance(int i) {
        return "nas-" + i;
    }

    static String fleet(int i) {
        return i < APPLIANCES / 2 ? "lab" : "prod";
    }

    /** 40 snapshots per appliance, 1 h to 20 days apart, ending at least an hour ago. */
    static void publishTimelines() throws Exception {
        Random random = new Random(5);
        Instant now = Instant.now();
        try (SnapshotPublisher publisher = new SnapshotPublisher(stack, TestVault.topic(BUCKET))) {
            for (int i = 0; i < APPLIANCES; i++) {
                ZoneId zone = ZoneId.of(i % 2 == 0 ? "Europe/Berlin" : "America/New_York");
                Instant at = now.minus(Duration.ofDays(400));
                List<SnapshotId> ids = new ArrayList<>();
                for (int n = 0; n < PER_APPLIANCE; n++) {
                    at = at.plus(Duration.ofMinutes(60 + random.nextInt(20 * 24 * 60)));
                    if (at.isAfter(now.minus(Duration.ofHours(1)))) {
                        at = now.minus(Duration.ofHours(1)).minus(Duration.ofMinutes(
                                PER_APPLIANCE - n));
                    }
                    int roll = random.nextInt(20);
                    Trigger trigger = roll < 2 ? Trigger.MANUAL : roll < 3 ? Trigger.PRE_RESTORE
                            : roll < 8 ? Trigger.CHANGE : Trigger.SCHEDULE;
                    SnapshotId id = SnapshotId.mint(Clock.fixed(at, ZoneOffset.UTC));
                    TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, appliance(i), fleet(i),
                            id, n + 1, trigger, zone, Map.of("config.json", "{\"n\":" + n + "}"),
                            settings.ingest.publicKey(), settings.nas1.secret());
                    publisher.publish(sealed.records(1 << 20));
                    ids.add(id);
                }
                published.put(appliance(i), ids);
            }
        }
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> {
            for (String appliance : published.keySet()) {
                if (listed(appliance).size() != PER_APPLIANCE) {
                    return false;
                }
            }
            return true;
        });
    }

    @Test
    void aPassDeletesExactlyWhatThePreviewSaid() throws Exception {
        put("/api/v1/retention-policies/vault", "{\"keep-last\": 2, \"keep-monthly\": 3}", 200);
        put("/api/v1/retention-policies/fleet:lab", "{\"keep-daily\": 5, \"keep-weekly\": 4,"
                + " \"keep-monthly\": 6, \"time-zone\": \"UTC\"}", 200);
        put("/api/v1/retention-policies/appliance:nas-7", "{\"keep-within\": \"60d\","
                + " \"triggers\": {\"MANUAL\": {\"keep-within\": \"365d\"}}}", 200);
        SnapshotId held = published.get("nas-0").getFirst();
        put("/api/v1/snapshots/" + held + "/hold", "{\"reason\": \"retention IT\"}", 200);

        JsonNode preview = json(VaultHttp.get(server, "/api/v1/retention/preview?limit=1000",
                token));
        Map<String, Set<String>> keep = new HashMap<>();
        Map<String, Set<String>> delete = new HashMap<>();
        Map<String, String> policy = new HashMap<>();
        for (JsonNode plan : preview.get("appliances")) {
            String appliance = plan.get("applianceId").asText();
            policy.put(appliance, plan.get("policy").asText());
            keep.put(appliance, ids(plan.get("keep")));
            delete.put(appliance, ids(plan.get("delete")));
            assertThat(plan.get("warnings")).isEmpty();
        }
        assertThat(preview.get("next").isNull()).isTrue();
        assertThat(policy).containsEntry("nas-0", "fleet:lab").containsEntry("nas-4", "fleet:lab")
                .containsEntry("nas-5", "vault").containsEntry("nas-7", "appliance:nas-7")
                .hasSize(APPLIANCES);
        for (String appliance : published.keySet()) {
            Set<String> all = new HashSet<>(keep.get(appliance));
            all.addAll(delete.get(appliance));
            assertThat(all).as(appliance).containsExactlyInAnyOrderElementsOf(
                    published.get(appliance).stream().map(SnapshotId::toString).toList());
            assertThat(keep.get(appliance)).as(appliance).isNotEmpty();
        }
        assertThat(keep.get("nas-0")).contains(held.toString());
        assertThat(reasonsOf(preview, "nas-0", held.toString())).contains("hold");
        int toDelete = delete.values().stream().mapToInt(Set::size).sum();
        assertThat(toDelete).isGreaterThan(200);

        JsonNode report = json(VaultHttp.post(server, "/api/v1/retention/run", token));

        assertThat(report.get("refusal").isNull()).isTrue();
        assertThat(report.get("tombstoned").asInt()).isEqualTo(toDelete);
        assertThat(report.get("deleted").asInt()).isEqualTo(toDelete);
        assertThat(report.get("failed")).isEmpty();
        for (String appliance : published.keySet()) {
            assertThat(listed(appliance)).as(appliance)
                    .containsExactlyInAnyOrderElementsOf(keep.get(appliance));
        }
        Set<String> stored = new HashSet<>();
        try (S3Client s3 = stack.s3().newClient()) {
            for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents()) {
                stored.add(object.key());
            }
        }
        Set<String> keptIds = new HashSet<>();
        keep.values().forEach(keptIds::addAll);
        assertThat(stored).filteredOn(key -> key.startsWith("snapshots/")).hasSize(keptIds.size())
                .allSatisfy(key -> assertThat(keptIds).anyMatch(key::contains));
        try (SqliteCatalog catalog = SqliteCatalog.open(settings.catalog())) {
            List<AuditRecord> audit = catalog.recentAudit(10_000);
            Set<String> deletedIds = new HashSet<>();
            delete.values().forEach(deletedIds::addAll);
            assertThat(audit).filteredOn(r -> r.action().equals("snapshot.delete"))
                    .extracting(AuditRecord::target)
                    .containsExactlyInAnyOrderElementsOf(deletedIds);
        }

        JsonNode again = json(VaultHttp.get(server, "/api/v1/retention/preview?limit=1000",
                token));
        for (JsonNode plan : again.get("appliances")) {
            assertThat(plan.get("delete")).as(plan.get("applianceId").asText()).isEmpty();
        }
    }

    static Set<String> ids(JsonNode decisions) {
        Set<String> ids = new HashSet<>();
        decisions.forEach(d -> ids.add(d.get("snapshotId").asText()));
        return ids;
    }

    static List<String> reasonsOf(JsonNode preview, String appliance, String snapshot) {
        for (JsonNode plan : preview.get("appliances")) {
            if (plan.get("applianceId").asText().equals(appliance)) {
                for (JsonNode kept : plan.get("keep")) {
                    if (kept.get("snapshotId").asText().equals(snapshot)) {
                        List<String> reasons = new ArrayList<>();
                        kept.get("reasons").forEach(r -> reasons.add(r.asText()));
                        return reasons;
                    }
                }
            }
        }
        return List.of();
    }

    static List<String> listed(String appliance) throws Exception {
        JsonNode page = json(VaultHttp.get(server, "/api/v1/appliances/" + appliance
                + "/snapshots?limit=1000", token));
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(s -> ids.add(s.get("id").asText()));
        return ids;
    }

    static JsonNode json(HttpResponse<byte[]> response) throws Exception {
        assertThat(response.statusCode()).as(new String(response.body(),
                StandardCharsets.UTF_8)).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static void put(String path, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(server.getURL() + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(expected);
    }
}
