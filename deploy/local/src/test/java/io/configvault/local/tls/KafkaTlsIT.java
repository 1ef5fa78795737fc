package io.configvault.local.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.stack.BrokerTls;
import io.configvault.stack.KafkaBroker;
import io.configvault.stack.LocalStack;
import io.configvault.stack.StackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both services over a broker listener that speaks mutual TLS (certificates made by the test):
 * the vault creates its topics and stores what an agent publishes, all through the SSL port;
 * a vault that speaks plaintext to it stops at startup with the hint, and an agent without a
 * client certificate keeps its snapshot in the outbox.
 */
@ExtendWith(StackExtension.class)
class KafkaTlsIT {

    private static final String PASSWORD = "tls-it-keystore-pass";

    @TempDir
    static Path dir;

    private static KafkaBroker broker;
    private static TlsServices services;

    @BeforeAll
    static void start(LocalStack stack) throws Exception {
        TestCertificates certificates = new TestCertificates(dir.resolve("certs"), PASSWORD);
        broker = KafkaBroker.startWithTls(dir.resolve("kafka"), new BrokerTls(
                certificates.brokerKeystore("broker"), certificates.truststore("broker"),
                certificates.password()));
        services = new TlsServices(dir, stack, broker, certificates,
                List.of("nas-tls", "nas-no-cert"));
        services.startVault();
    }

    @AfterAll
    static void stop() {
        if (services != null) {
            services.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void anAgentPublishesOverMutualTlsAndTheVaultStoresAndListsTheSnapshot() throws Exception {
        TlsAgent agent = services.startAgent("nas-tls", true);

        String id = agent.snapshot("over TLS");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> services.listed("nas-tls").contains(id));
        assertThat(agent.outboxDepth()).isZero();
        assertThat(services.vaultLog()).content()
                .contains("Created Kafka topic configvault.snapshots");
    }

    @Test
    void aVaultSpeakingPlaintextToTheTlsListenerStopsWithTheHint() throws Exception {
        TlsServices.Exit exit = services.runPlaintextVault();

        assertThat(exit.code()).isNotZero();
        assertThat(exit.output()).contains("Cannot start vault: Kafka did not answer within 3 s"
                + " on " + broker.sslBootstrapServers() + " (security.protocol=PLAINTEXT) when"
                + " asked to describe topic 'configvault.snapshots'; check"
                + " vault.kafka.bootstrap-servers and that the brokers run, and if the listener"
                + " uses TLS, set vault.kafka.client.security.protocol=SSL (or SASL_SSL with"
                + " SASL)");
        assertThat(exit.output()).doesNotContain(PASSWORD);
    }

    @Test
    void anAgentWithoutAClientCertificateCannotPublishAndKeepsItsSnapshot() throws Exception {
        TlsAgent agent = services.startAgent("nas-no-cert", false);

        agent.snapshot("refused");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> agent.lastError() != null);
        assertThat(agent.outboxDepth()).isEqualTo(1);
        assertThat(agent.lastError()).contains("was not acknowledged by topic"
                + " configvault.snapshots").contains("SslAuthenticationException")
                .doesNotContain(PASSWORD);
        assertThat(services.listed("nas-no-cert")).isEmpty();
        assertThat(Files.readString(agent.log())).doesNotContain(PASSWORD);
    }
}
