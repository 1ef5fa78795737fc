package io.configvault.capture.restore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the vault's operator API (JDK HTTP server on loopback) answering with canned
 * responses: what the restore command's HTTP client must cope with, without a vault.
 * Requests without {@code Authorization: Bearer <TOKEN>} get the vault's 401 problem.
 */
final class CannedVault implements AutoCloseable {

    static final String TOKEN = "canned-vault-token-5f1e2d";

    private record Answer(int status, String contentType, byte[] body, Path file) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();

    private CannedVault(HttpServer server) {
        this.server = server;
    }

    static CannedVault start() throws IOException {
        HttpServer server = HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        CannedVault vault = new CannedVault(server);
        server.createContext("/", vault::handle);
        server.start();
        return vault;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Lists the snapshot as the appliance's latest and serves it and its content. */
    CannedVault serve(SnapshotFixtures.Fixture snapshot) {
        String item = snapshot.listingJson();
        json("/api/v1/appliances/" + snapshot.listedAppliance() + "/snapshots?limit=1",
                "{\"items\":[" + item + "]}");
        json("/api/v1/snapshots/" + snapshot.id(), item);
        answers.put("/api/v1/snapshots/" + snapshot.id() + "/content",
                new Answer(200, "application/x-tar", null, snapshot.bundle()));
        return this;
    }

    CannedVault json(String path, String body) {
        answers.put(path, new Answer(200, "application/json",
                body.getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    /** An RFC 9457 problem, as the vault answers errors. */
    CannedVault problem(String path, int status, String detail) {
        answers.put(path, new Answer(status, "application/problem+json",
                ("{\"type\":\"about:blank\",\"status\":" + status + ",\"detail\":\"" + detail
                        + "\"}").getBytes(StandardCharsets.UTF_8), null));
        return this;
    }

    CannedVault bytes(String path, byte[] body) {
        answers.put(path, new Answer(200, "application/x-tar", body, null));
        return this;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().toString();
            requests.add(path);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            Answer answer = ("Bearer " + TOKEN).equals(auth) ? answers.get(path)
                    : new Answer(401, "application/problem+json",
                    "{\"detail\":\"A valid bearer token is required.\"}".getBytes(
                            StandardCharsets.UTF_8), null);
            if (answer == null) {
                answer = new Answer(404, "application/problem+json",
                        "{\"detail\":\"Not found.\"}".getBytes(StandardCharsets.UTF_8), null);
            }
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            long length = answer.file() != null ? Files.size(answer.file()) : answer.body().length;
            exchange.sendResponseHeaders(answer.status(), length == 0 ? -1 : length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (answer.file() != null) {
                    Files.copy(answer.file(), out);
                } else {
                    out.write(answer.body());
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
