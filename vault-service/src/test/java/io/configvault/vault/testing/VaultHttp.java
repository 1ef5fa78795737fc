package io.configvault.vault.testing;

import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Plain HTTP calls to an in-process vault's API, with the bearer token when one is given (null:
 * no {@code Authorization} header). Thread-safe.
 */
public final class VaultHttp {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private VaultHttp() {
    }

    public static HttpResponse<byte[]> get(EmbeddedServer vault, String path, String bearer)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create(vault.getURL() + path)), bearer);
    }

    /** A POST without a body. */
    public static HttpResponse<byte[]> post(EmbeddedServer vault, String path, String bearer)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create(vault.getURL() + path))
                .POST(HttpRequest.BodyPublishers.noBody()), bearer);
    }

    /** A PUT of a JSON body. */
    public static HttpResponse<byte[]> put(EmbeddedServer vault, String path, String bearer,
                                           byte[] json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(vault.getURL() + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(json)), bearer);
    }

    public static HttpResponse<byte[]> delete(EmbeddedServer vault, String path, String bearer)
            throws Exception {
        return send(HttpRequest.newBuilder(URI.create(vault.getURL() + path)).DELETE(), bearer);
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request, String bearer)
            throws Exception {
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
