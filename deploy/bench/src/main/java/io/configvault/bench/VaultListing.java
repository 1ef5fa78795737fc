package io.configvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Watches the vault's fleet view ({@code GET /api/v1/appliances}, pages of 1,000) until every
 * expected snapshot is each appliance's newest listed snapshot, and records when each first
 * showed.
 */
final class VaultListing {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(100);

    private final HttpClient http;
    private final VaultProcess vault;

    VaultListing(HttpClient http, VaultProcess vault) {
        this.http = http;
        this.vault = vault;
    }

    /**
     * Polls until every appliance of {@code expected} (appliance id to snapshot id) lists its
     * snapshot.
     *
     * @return by appliance id, {@link System#nanoTime()} of the poll that first saw it listed
     * @throws IllegalStateException after {@code timeout}, or when the vault exits, naming how
     *     many were listed and where the vault's log is
     */
    Map<String, Long> awaitListed(Map<String, String> expected, Duration timeout)
            throws IOException, InterruptedException {
        Map<String, Long> seen = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < expected.size()) {
            long polled = System.nanoTime();
            newestSnapshots().forEach((appliance, snapshot) -> {
                if (snapshot.equals(expected.get(appliance))) {
                    seen.putIfAbsent(appliance, polled);
                }
            });
            if (seen.size() == expected.size()) {
                break;
            }
            if (!vault.isAlive() || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("The vault listed " + seen.size() + " of "
                        + expected.size() + " snapshots " + (vault.isAlive() ? "within "
                        + timeout.toSeconds() + " s" : "before it exited") + "; see "
                        + vault.log() + " (raise BENCH_TIMEOUT_SECONDS for a slow machine)");
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return seen;
    }

    /** Appliance id to its newest listed snapshot id, over every page. */
    Map<String, String> newestSnapshots() throws IOException, InterruptedException {
        Map<String, String> newest = new HashMap<>();
        String after = null;
        do {
            String query = "?limit=1000" + (after == null ? ""
                    : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create(vault.url() + "/api/v1/appliances" + query))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + vault.token()).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The vault answered HTTP "
                        + response.statusCode() + " to the fleet listing; see " + vault.log());
            }
            JsonNode page = JSON.readTree(response.body());
            for (JsonNode item : page.path("items")) {
                JsonNode last = item.path("lastSnapshot").path("id");
                if (last.isTextual()) {
                    newest.put(item.path("id").asText(), last.asText());
                }
            }
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        return newest;
    }
}
