package io.configvault.local.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.shared.io.Sha256;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The invariant of QUALITY.md that ends every fleet fault test: every snapshot the agent
 * recorded is stored exactly once — one object in the bucket, one row in the catalog — and
 * verifies: the vault's download (which decrypts and checks the signature and every entry
 * digest before it releases a byte) succeeds and hashes to the catalog's bundle digest.
 */
final class Invariant {

    private Invariant() {
    }

    /** Asserts the invariant for exactly {@code ids} of {@code appliance}, nothing more. */
    static void storedOnceAndVerifies(FleetFixture fleet, String appliance,
                                      Collection<String> ids) throws Exception {
        List<String> keys;
        try (S3Client s3 = fleet.stack().s3Client()) {
            keys = s3.listObjectsV2Paginator(b -> b.bucket(FleetFixture.BUCKET)
                            .prefix("snapshots/lab/" + appliance + "/"))
                    .contents().stream().map(S3Object::key).toList();
        }
        assertThat(keys).as("one object per snapshot of %s", appliance)
                .containsExactlyInAnyOrderElementsOf(ids.stream()
                        .map(id -> "snapshots/lab/" + appliance + "/" + id + ".tar.pgp")
                        .toList());
        List<JsonNode> rows = listed(fleet, appliance);
        assertThat(rows).extracting(row -> row.get("id").asText())
                .as("one catalog row per snapshot of %s", appliance)
                .containsExactlyInAnyOrderElementsOf(ids);
        for (JsonNode row : rows) {
            String id = row.get("id").asText();
            var content = fleet.vaultBytes("/api/v1/snapshots/" + id + "/content");
            assertThat(content.statusCode()).as("download of %s", id).isEqualTo(200);
            assertThat(Sha256.of(content.body())).as("digest of %s", id)
                    .isEqualTo(row.get("sha256").asText());
        }
    }

    /** The catalog rows of {@code appliance} as the vault lists them, newest first. */
    static List<JsonNode> listed(FleetFixture fleet, String appliance) throws Exception {
        var response = fleet.vault("/api/v1/appliances/" + appliance + "/snapshots?limit=1000");
        if (response.statusCode() != 200) {
            return List.of();
        }
        assertThat(Json.parse(response.body()).has("items")).as(response.body()).isTrue();
        return Json.items(response.body());
    }

    /** The ids of {@link #listed}, newest first. */
    static List<String> listedIds(FleetFixture fleet, String appliance) throws Exception {
        return listed(fleet, appliance).stream().map(row -> row.get("id").asText()).toList();
    }
}
