package io.configvault.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * HTTP requests to a service container listening on 127.0.0.1, answered as
 * {@code "<status> <body>"} or {@code "no answer: <why>"} (not listening yet), so that a wait
 * on them shows in its failure what the service last said.
 */
final class ServiceHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceHttp() {
    }

    /** {@code GET path}, with {@code Authorization: Bearer <token>} unless the token is null. */
    static String get(int port, String path, String token) throws InterruptedException {
        HttpRequest.Builder request = request(port, path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    /** {@code POST path} with a JSON body. */
    static String post(int port, String path, String json) throws InterruptedException {
        return send(request(port, path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** Waits until {@code GET /health} is UP while the process keeps running (else its log). */
    static void awaitHealthUp(Process process, int port, Path log) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    assertThat(process.isAlive()).as("still running; log:\n%s",
                            Files.readString(log)).isTrue();
                    assertThat(get(port, "/health", null)).contains("\"status\":\"UP\"");
                });
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5));
    }

    private static String send(HttpRequest request) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(request,
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "no answer: " + e;
        }
    }
}
