package io.configvault.capture.enrol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.capture.config.EnrolmentProperties;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * {@link EnrolmentClient} over the JDK's HttpClient: {@code POST <vault-url>/api/v1/enrolments}
 * with a JSON body. Answers are read up to 256 KiB; 200 and 201 are enrolments, 400/401/403/409
 * refusals (their problem detail is passed on, made printable and short), other 4xx mean the URL
 * is not a vault's, 5xx and I/O errors that the vault is unavailable. Redirects are not followed:
 * the token goes to the configured address or nowhere.
 */
@Singleton
public final class HttpEnrolmentClient implements EnrolmentClient {

    static final String PATH = "/api/v1/enrolments";
    private static final int MAX_ANSWER_BYTES = 256 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EnrolmentProperties properties;

    public HttpEnrolmentClient(EnrolmentProperties properties) {
        this.properties = properties;
    }

    @Override
    public Enrolled enrol(Request request) throws EnrolmentException {
        URI base = properties.vaultUri().orElseThrow(() -> new IllegalStateException(
                "Cannot enrol: capture.enrolment.vault-url is not set"));
        URI uri = URI.create(base.toString().replaceFirst("/+$", "") + PATH);
        Duration timeout = properties.timeout();
        String body = JSON.createObjectNode().put("token", request.token())
                .put("applianceId", request.applianceId()).put("publicKey", request.publicKey())
                .toString();
        HttpClient http = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        HttpResponse<InputStream> response;
        byte[] answer;
        try (http) {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                answer = in.readNBytes(MAX_ANSWER_BYTES + 1);
            }
        } catch (HttpTimeoutException e) {
            throw new EnrolmentException(EnrolmentException.Kind.UNAVAILABLE,
                    "no answer within " + timeout.toSeconds() + " s", e);
        } catch (IOException e) {
            throw new EnrolmentException(EnrolmentException.Kind.UNAVAILABLE,
                    e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + printable(e.getMessage())), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrolmentException(EnrolmentException.Kind.UNAVAILABLE, "interrupted", e);
        }
        int status = response.statusCode();
        if (answer.length > MAX_ANSWER_BYTES) {
            throw new EnrolmentException(EnrolmentException.Kind.NOT_A_VAULT,
                    "the answer (HTTP " + status + ") is larger than " + MAX_ANSWER_BYTES
                            + " bytes");
        }
        return switch (status) {
            case 200, 201 -> enrolled(answer, status);
            case 400, 401, 403, 409 -> throw new EnrolmentException(
                    EnrolmentException.Kind.REFUSED, detail(answer, status));
            default -> throw new EnrolmentException(status >= 500
                    ? EnrolmentException.Kind.UNAVAILABLE : EnrolmentException.Kind.NOT_A_VAULT,
                    "HTTP " + status + " from " + uri);
        };
    }

    private static Enrolled enrolled(byte[] answer, int status) throws EnrolmentException {
        try {
            JsonNode json = JSON.readTree(answer);
            return new Enrolled(text(json, "applianceId"), text(json, "fleet"),
                    text(json, "ingestPublicKey"), text(json, "fingerprint"));
        } catch (IOException | IllegalArgumentException e) {
            throw new EnrolmentException(EnrolmentException.Kind.NOT_A_VAULT,
                    "the answer (HTTP " + status + ") is not an enrolment: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json == null ? null : json.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("it has no " + field);
        }
        return value.asText();
    }

    /** The problem's detail, or its status; made printable and at most 300 characters. */
    private static String detail(byte[] answer, int status) {
        try {
            JsonNode detail = JSON.readTree(answer).get("detail");
            if (detail != null && detail.isTextual() && !detail.asText().isBlank()) {
                return printable(detail.asText());
            }
        } catch (IOException | RuntimeException e) {
            // Not a problem document; the status says enough.
        }
        return "HTTP " + status;
    }

    /** Control characters replaced, at most 300 characters: safe for a one-line log. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(text.length(), 300); i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return text.length() > 300 ? out.append('…').toString() : out.toString();
    }
}
