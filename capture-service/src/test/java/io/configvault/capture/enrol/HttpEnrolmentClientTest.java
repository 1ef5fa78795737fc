package io.configvault.capture.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.configvault.capture.config.EnrolmentProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP adapter against a real HTTP server on loopback that answers as the vault does (the
 * vault itself is exercised end to end by {@code QuickstartIT}), or as a wrong URL would: how
 * each answer is sorted into enrolled, refused, not a vault, or unavailable.
 */
class HttpEnrolmentClientTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final EnrolmentClient.Request REQUEST = new EnrolmentClient.Request("cve_secret",
            "nas-17", "-----BEGIN PGP PUBLIC KEY BLOCK-----\n...");

    HttpServer server;
    final AtomicReference<Answer> answer = new AtomicReference<>();
    final AtomicReference<String> received = new AtomicReference<>();
    final CountDownLatch release = new CountDownLatch(1);

    record Answer(int status, String contentType, String body) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void postsTheRequestAsJsonAndReadsTheEnrolment() throws Exception {
        answer.set(new Answer(201, "application/json", "{\"applianceId\":\"nas-17\",\"fleet\":"
                + "\"lab\",\"ingestPublicKey\":\"KEY\",\"fingerprint\":\"FP\"}"));

        EnrolmentClient.Enrolled enrolled = client("/vault/", Duration.ofSeconds(5))
                .enrol(REQUEST);

        assertThat(enrolled).isEqualTo(new EnrolmentClient.Enrolled("nas-17", "lab", "KEY", "FP"));
        assertThat(received.get()).startsWith("POST /vault/api/v1/enrolments application/json ");
        JsonNode body = JSON.readTree(received.get().substring(received.get().indexOf('{')));
        assertThat(body.get("token").asText()).isEqualTo("cve_secret");
        assertThat(body.get("applianceId").asText()).isEqualTo("nas-17");
        assertThat(body.get("publicKey").asText()).isEqualTo(REQUEST.publicKey());
    }

    @Test
    void aRefusalCarriesTheVaultsDetailMadePrintable() {
        answer.set(new Answer(401, "application/problem+json", "{\"title\":\"Unauthorized\","
                + "\"detail\":\"The enrolment token has expired.\\u001b[31m\"}"));

        assertThatThrownBy(() -> client("", Duration.ofSeconds(5)).enrol(REQUEST))
                .isInstanceOfSatisfying(EnrolmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(EnrolmentException.Kind.REFUSED))
                .hasMessage("The enrolment token has expired.?[31m");
        answer.set(new Answer(409, "text/plain", "conflict"));
        assertThatThrownBy(() -> client("", Duration.ofSeconds(5)).enrol(REQUEST))
                .isInstanceOf(EnrolmentException.class).hasMessage("HTTP 409");
    }

    @Test
    void anAnswerThatIsNoEnrolmentMeansTheUrlIsNotAVaults() {
        answer.set(new Answer(200, "text/html", "<html>router login</html>"));
        assertKind(EnrolmentException.Kind.NOT_A_VAULT, "the answer (HTTP 200) is not an"
                + " enrolment: ");
        answer.set(new Answer(404, "text/plain", "not found"));
        assertKind(EnrolmentException.Kind.NOT_A_VAULT, "HTTP 404 from http://");
        answer.set(new Answer(302, "text/plain", ""));
        assertKind(EnrolmentException.Kind.NOT_A_VAULT, "HTTP 302 from http://");
        answer.set(new Answer(200, "application/json", "x".repeat(300_000)));
        assertKind(EnrolmentException.Kind.NOT_A_VAULT, "the answer (HTTP 200) is larger than");
    }

    @Test
    void serverErrorsTimeoutsAndRefusedConnectionsAreUnavailable() throws Exception {
        answer.set(new Answer(503, "text/plain", "starting"));
        assertKind(EnrolmentException.Kind.UNAVAILABLE, "HTTP 503 from http://");

        answer.set(null); // the handler now waits until the test ends
        assertThatThrownBy(() -> client("", Duration.ofSeconds(1)).enrol(REQUEST))
                .isInstanceOfSatisfying(EnrolmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(EnrolmentException.Kind.UNAVAILABLE))
                .hasMessage("no answer within 1 s");

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        HttpEnrolmentClient nowhere = new HttpEnrolmentClient(new EnrolmentProperties(
                "http://127.0.0.1:" + closed, null, null, Duration.ofSeconds(2)));
        assertThatThrownBy(() -> nowhere.enrol(REQUEST))
                .isInstanceOfSatisfying(EnrolmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(EnrolmentException.Kind.UNAVAILABLE))
                .hasMessageStartingWith("ConnectException")
                .message().doesNotContain("cve_secret");
    }

    private void assertKind(EnrolmentException.Kind kind, String messageStart) {
        assertThatThrownBy(() -> client("", Duration.ofSeconds(5)).enrol(REQUEST))
                .isInstanceOfSatisfying(EnrolmentException.class,
                        e -> assertThat(e.kind()).isEqualTo(kind))
                .hasMessageStartingWith(messageStart)
                .message().doesNotContain("cve_secret");
    }

    private HttpEnrolmentClient client(String path, Duration timeout) {
        return new HttpEnrolmentClient(new EnrolmentProperties("http://127.0.0.1:"
                + server.getAddress().getPort() + path, null, null, timeout));
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.set(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " "
                + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
        Answer now = answer.get();
        if (now == null) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = now.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", now.contentType());
        if (now.status() == 302) {
            exchange.getResponseHeaders().set("Location", "http://elsewhere.invalid/");
        }
        exchange.sendResponseHeaders(now.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
