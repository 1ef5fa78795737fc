package io.configvault.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import io.configvault.vault.testing.TestVault;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest loop that stops by itself — here because the broker refuses the consumer's session
 * timeout — is not silent: {@code /health} turns DOWN with the reason, while the API still serves.
 */
@ExtendWith(StackExtension.class)
class IngestHealthIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aStoppedIngestLoopTurnsHealthDownWithTheReason(LocalStack stack) throws Exception {
        String name = "vault-health-" + UUID.randomUUID().toString().substring(0, 8);
        TestVault settings = new TestVault(stack, dir, name);
        // Below the broker's group.min.session.timeout.ms (6 s): the group refuses to let it join.
        settings.config.put("vault.kafka.session-timeout", "1s");
        HttpClient http = HttpClient.newHttpClient();

        try (EmbeddedServer vault = ApplicationContext.run(EmbeddedServer.class,
                settings.config)) {
            URI health = URI.create("http://127.0.0.1:" + vault.getPort() + "/health");

            await().atMost(Duration.ofSeconds(30)).until(() -> http.send(
                    HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode() == 503);

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode ingest = JSON.readTree(response.body()).at("/details/ingest");
            assertThat(ingest.at("/status").asText()).isEqualTo("DOWN");
            assertThat(ingest.at("/details/running").asBoolean()).isFalse();
            assertThat(ingest.at("/details/error").asText())
                    .startsWith("InvalidSessionTimeoutException");
            HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + vault.getPort() + "/api/v1/appliances/nas-1"))
                    .header("Authorization", "Bearer " + settings.adminToken()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).as("the API still serves").isEqualTo(200);
        }
    }
}
