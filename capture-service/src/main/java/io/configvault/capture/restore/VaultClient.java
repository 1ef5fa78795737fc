package io.configvault.capture.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * The vault's operator API as the restore needs it: find a snapshot, download its bundle. The
 * bearer token is sent in the {@code Authorization} header and appears nowhere else: not in
 * messages, not in logs. Downloads stream to a file (64 KiB in memory) and stop at the size the
 * vault lists. Errors are {@link RestoreException}s with {@link ExitCode#VAULT}, except a
 * download larger than listed ({@link ExitCode#REFUSED}). Not thread-safe; one restore uses it.
 */
final class VaultClient implements AutoCloseable {

    private static final int MAX_JSON_BYTES = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String token;
    private final Path tokenFile;
    private final Duration requestTimeout;
    private final HttpClient http;

    /**
     * @param base      the vault's URL without a trailing slash
     * @param tokenFile where the token came from, named in messages instead of the token
     */
    VaultClient(URI base, String token, Path tokenFile, Duration requestTimeout) {
        this.base = base;
        this.token = token;
        this.tokenFile = tokenFile;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Reads the token from its file: one line, at most 4 KiB; never echoed. */
    static String readToken(Path file) throws RestoreException {
        try {
            if (Files.size(file) > 4096) {
                throw new RestoreException(ExitCode.USAGE, "the vault token file " + file
                        + " is larger than 4096 bytes (capture.restore.token-file)");
            }
            String token = Files.readString(file).strip();
            if (token.isEmpty() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new RestoreException(ExitCode.USAGE, "the vault token file " + file
                        + " does not hold one token (capture.restore.token-file)");
            }
            return token;
        } catch (IOException e) {
            throw new RestoreException(ExitCode.USAGE, "cannot read the vault token file " + file
                    + " (" + e.getClass().getSimpleName() + ") (capture.restore.token-file)", e);
        }
    }

    /** The newest snapshot of the appliance: the first item of its listing. */
    ListedSnapshot latest(String applianceId) throws RestoreException {
        JsonNode page = json(send("/api/v1/appliances/" + applianceId + "/snapshots?limit=1"));
        JsonNode items = page.path("items");
        if (!items.isArray()) {
            throw unexpected("the snapshot listing has no items");
        }
        if (items.isEmpty()) {
            throw new RestoreException(ExitCode.VAULT, "the vault lists no snapshot of appliance "
                    + applianceId);
        }
        return listed(items.get(0));
    }

    ListedSnapshot snapshot(SnapshotId id) throws RestoreException {
        return listed(json(send("/api/v1/snapshots/" + id)));
    }

    /**
     * Streams the snapshot's bundle into {@code target} (created, must not exist).
     *
     * @return the SHA-256 of what was received, which is exactly the listed number of bytes
     */
    String download(ListedSnapshot snapshot, Path target) throws RestoreException {
        HttpResponse<InputStream> response = send("/api/v1/snapshots/" + snapshot.id()
                + "/content");
        Sha256.DigestingSink digest = new Sha256.DigestingSink();
        try (InputStream in = response.body();
             OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                     StandardOpenOption.WRITE)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                if (digest.count() + n > snapshot.sizeBytes()) {
                    throw new RestoreException(ExitCode.REFUSED, "the vault sent more than the "
                            + snapshot.sizeBytes() + " bytes it lists for the bundle");
                }
                out.write(buffer, 0, n);
                digest.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new RestoreException(ExitCode.VAULT, "the download of the bundle failed after "
                    + digest.count() + " bytes (" + describe(e) + ")", e);
        }
        if (digest.count() != snapshot.sizeBytes()) {
            throw new RestoreException(ExitCode.VAULT, "the download of the bundle ended after "
                    + digest.count() + " of " + snapshot.sizeBytes() + " bytes");
        }
        return digest.hex();
    }

    private HttpResponse<InputStream> send(String path) throws RestoreException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/x-tar")
                .timeout(requestTimeout)
                .GET().build();
        HttpResponse<InputStream> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new RestoreException(ExitCode.VAULT, "the vault at " + base
                    + " did not answer in time (" + describe(e) + ")", e);
        } catch (IOException e) {
            throw new RestoreException(ExitCode.VAULT, "cannot reach the vault at " + base + " ("
                    + describe(e) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreException(ExitCode.VAULT, "interrupted while waiting for the vault",
                    e);
        }
        if (response.statusCode() == 200) {
            return response;
        }
        String problem = problem(response);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new RestoreException(ExitCode.VAULT, "the vault refused the token in "
                    + tokenFile + " (" + response.statusCode() + ")" + problem);
        }
        throw new RestoreException(ExitCode.VAULT, "the vault answered " + response.statusCode()
                + problem);
    }

    private static ListedSnapshot listed(JsonNode item) throws RestoreException {
        try {
            JsonNode label = item.path("label");
            return new ListedSnapshot(SnapshotId.parse(item.path("id").asText(null)),
                    text(item, "applianceId"), text(item, "trigger"), text(item, "capturedAt"),
                    label.isTextual() ? printable(label.asText()) : null,
                    item.path("restorable").asBoolean(false),
                    item.path("sizeBytes").asLong(-1), item.path("sha256").asText(null));
        } catch (IllegalArgumentException e) {
            throw unexpected("a snapshot in its answer is malformed (" + e.getMessage() + ")");
        }
    }

    private static String text(JsonNode item, String field) {
        JsonNode node = item.path(field);
        if (!node.isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return printable(node.asText());
    }

    /** Text from the vault made safe to print: no control characters, at most 200 chars. */
    private static String printable(String text) {
        String clean = text.replaceAll("\\p{Cntrl}", "?");
        return clean.length() <= 200 ? clean : clean.substring(0, 200) + "...";
    }

    private static JsonNode json(HttpResponse<InputStream> response) throws RestoreException {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_JSON_BYTES + 1);
            if (body.length > MAX_JSON_BYTES) {
                throw unexpected("its answer is larger than " + MAX_JSON_BYTES + " bytes");
            }
            return JSON.readTree(body);
        } catch (IOException e) {
            throw unexpected("its answer is not JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** ": detail" from an RFC 9457 problem answer, or "" when there is none. */
    private static String problem(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(64 * 1024);
            String detail = JSON.readTree(body).path("detail").asText("");
            if (detail.isBlank()) {
                return "";
            }
            return ": " + printable(detail);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static RestoreException unexpected(String what) {
        return new RestoreException(ExitCode.VAULT, "unexpected answer from the vault: " + what);
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    @Override
    public void close() {
        http.close();
    }
}
