package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The vault's operator API as the figures use it, with the admin token: JSON documents, and
 * downloads read to the end and counted (what a restore receives, never kept).
 */
final class VaultApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final VaultProcess vault;

    VaultApi(HttpClient http, VaultProcess vault) {
        this.http = http;
        this.vault = vault;
    }

    /** {@code GET <path>} as JSON; anything but 200 fails, naming the path and the log. */
    JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path),
                HttpResponse.BodyHandlers.ofString());
        check(path, response.statusCode());
        return JSON.readTree(response.body());
    }

    /** The newest snapshot of {@code applianceId} as listed, or null when none is. */
    JsonNode newestSnapshot(String applianceId) throws IOException, InterruptedException {
        JsonNode items = json("/api/v1/appliances/" + applianceId + "/snapshots?limit=1")
                .path("items");
        return items.isEmpty() ? null : items.get(0);
    }

    /** {@code GET <path>} read to the end; returns how many bytes came. */
    long download(String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request(path),
                HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            check(path, response.statusCode());
            return body.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(vault.url() + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + vault.token()).build();
    }

    private void check(String path, int status) {
        if (status != 200) {
            throw new IllegalStateException("The vault answered HTTP " + status + " to GET "
                    + path + "; see " + vault.log());
        }
    }
}
