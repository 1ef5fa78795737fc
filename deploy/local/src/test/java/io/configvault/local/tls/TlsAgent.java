package io.configvault.local.tls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

/** A running agent of the TLS test, reached through its loopback API. */
record TlsAgent(String url, Path log, HttpClient http) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Takes a manual snapshot; returns its id. */
    String snapshot(String label) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/snapshots"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"" + label + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new AssertionError("snapshot refused: " + response.body());
        }
        return JSON.readTree(response.body()).get("snapshotId").asText();
    }

    int outboxDepth() throws Exception {
        return status().get("outboxDepth").asInt();
    }

    /** The agent's last publishing error, null when none. */
    String lastError() throws Exception {
        JsonNode error = status().get("lastError");
        return error == null || error.isNull() ? null : error.asText();
    }

    private JsonNode status() throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create(url + "/api/v1/status")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
