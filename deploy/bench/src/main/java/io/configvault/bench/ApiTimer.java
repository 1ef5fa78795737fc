package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Calls the vault's API as an operator's tool would (admin token, JSON answers) and times whole
 * requests: from sending to the last byte of the answer read, on one connection kept alive.
 */
final class ApiTimer {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final VaultProcess vault;

    ApiTimer(HttpClient http, VaultProcess vault) {
        this.http = http;
        this.vault = vault;
    }

    /** The answer of {@code method path} (body JSON or none), which must be 2xx, as JSON. */
    JsonNode call(String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(vault.url() + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + vault.token())
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = http.send(request.build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("The vault answered HTTP " + response.statusCode()
                    + " to " + method + " " + path + ": " + response.body() + "; see "
                    + vault.log());
        }
        return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    }

    /**
     * Times {@code repeats} GETs of {@code path} after {@code warmups} untimed ones.
     *
     * @return each timed request's time in microseconds
     */
    long[] timeGets(String path, int warmups, int repeats)
            throws IOException, InterruptedException {
        for (int i = 0; i < warmups; i++) {
            call("GET", path, "");
        }
        long[] micros = new long[repeats];
        for (int i = 0; i < repeats; i++) {
            long started = System.nanoTime();
            call("GET", path, "");
            micros[i] = (System.nanoTime() - started) / 1_000;
        }
        return micros;
    }
}
