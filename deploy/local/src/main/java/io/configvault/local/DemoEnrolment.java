package io.configvault.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * The demo agent's enrolment, as an operator would do it: when the agent has no pinned ingest
 * key yet, ask the vault for a single-use token bound to the demo appliance (with the admin
 * token) and hand it to the agent in a file of mode 0600. Once the agent is enrolled the token
 * file is deleted; later starts issue none, and the agent does not enrol again.
 */
final class DemoEnrolment {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DemoEnrolment() {
    }

    /** @return true when a token was issued (first start), false when the agent is enrolled */
    static boolean prepare(Settings s, HttpClient http) throws IOException, InterruptedException {
        Path tokenFile = ServiceConfigs.agentTokenFile(s);
        if (Files.exists(ServiceConfigs.agentIngestKey(s))) {
            Files.deleteIfExists(tokenFile);
            return false;
        }
        String admin = Files.readString(ServiceConfigs.adminTokenFile(s)).strip();
        String body = JSON.createObjectNode().put("fleet", DemoAppliance.FLEET)
                .put("applianceId", DemoAppliance.ID).put("ttl", "PT15M").toString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(s.vaultUrl() + "/api/v1/enrolment-tokens"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Cannot enrol the demo appliance: the vault answered"
                    + " HTTP " + response.statusCode() + " to the token request");
        }
        JsonNode token = JSON.readTree(response.body()).get("token");
        Files.createDirectories(tokenFile.getParent());
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, token.asText() + "\n");
        return true;
    }

    /** The token is used up once the agent runs enrolled; it need not stay on disk. */
    static void finish(Settings s) throws IOException {
        if (Files.exists(ServiceConfigs.agentIngestKey(s))) {
            Files.deleteIfExists(ServiceConfigs.agentTokenFile(s));
        }
    }
}
