package io.configvault.vault.api;

import io.micronaut.http.HttpStatus;
import java.util.Map;

/**
 * An error the API answers with as {@code application/problem+json}, optionally with extension
 * members (RFC 9457 §3.2) such as the {@code rule} a refused policy breaks.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final Map<String, Object> extensions;

    public ApiProblem(HttpStatus status, String title, String detail) {
        this(status, title, detail, Map.of());
    }

    public ApiProblem(HttpStatus status, String title, String detail,
                      Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.extensions = Map.copyOf(extensions);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** Members added to the problem object beside type, title, status and detail. */
    public Map<String, Object> extensions() {
        return extensions;
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "Not Found", detail);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad Request", detail);
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", detail);
    }
}
