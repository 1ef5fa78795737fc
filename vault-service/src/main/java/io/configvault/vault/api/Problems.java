package io.configvault.vault.api;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds RFC 9457 problem responses. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json";

    private Problems() {
    }

    static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String title,
                                                            String detail) {
        return response(status, title, detail, Map.of());
    }

    /** A problem with extension members, which never replace the standard ones. */
    static MutableHttpResponse<Map<String, Object>> response(HttpStatus status, String title,
            String detail, Map<String, Object> extensions) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", title);
        body.put("status", status.getCode());
        body.put("detail", detail);
        extensions.forEach(body::putIfAbsent);
        return HttpResponse.<Map<String, Object>>status(status).body(body)
                .contentType(MEDIA_TYPE).header("Cache-Control", "no-store");
    }
}
