package io.configvault.shared.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.health.CheckResult;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.junit.jupiter.api.Test;

/** The probe with a real admin client and no broker behind its bootstrap address. */
class KafkaClusterProbeTest {

    @Test
    void noBrokerIsDownWithinTheTimeoutWithTheReason() throws Exception {
        String bootstrap = "127.0.0.1:" + unusedPort();
        Properties settings = new Properties();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");

        try (KafkaClusterProbe probe = new KafkaClusterProbe(settings, bootstrap)) {
            long start = System.nanoTime();
            CheckResult result = probe.run();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(result.up()).isFalse();
            assertThat(result.details()).containsEntry("bootstrapServers", bootstrap)
                    .containsEntry("reachable", false);
            assertThat((String) result.details().get("error")).contains("Timeout");
            assertThat(took).as("answers within its timeout")
                    .isLessThan(KafkaClusterProbe.TIMEOUT.plusSeconds(2));
        }
    }

    @Test
    void anUnusableBootstrapAddressIsDownWithTheClientsError() {
        Properties settings = new Properties();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "not an address");

        try (KafkaClusterProbe probe = new KafkaClusterProbe(settings, "not an address")) {
            CheckResult result = probe.run();

            assertThat(result.up()).isFalse();
            assertThat((String) result.details().get("error")).startsWith("ConfigException: ")
                    .contains("not an address");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
