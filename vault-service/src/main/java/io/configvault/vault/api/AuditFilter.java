package io.configvault.vault.api;

import io.configvault.vault.catalog.CatalogException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteMatch;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the audit record of every {@link Audited} endpoint's answer, after the controller and
 * before the body is written (a download's stream is still unread): outcome {@code ok} for 2xx,
 * {@code not-found} for 404, {@code denied} for 401 and 403, {@code refused} for other 4xx,
 * {@code failed} for 5xx. When the record cannot be written the answer is replaced by a 503
 * problem and the original body (a download's spool file) is discarded: nothing leaves
 * unaudited. Requests without an authenticated caller (refused by the token filter) and requests
 * the endpoint audited itself are left alone.
 */
@ServerFilter(value = "/api/**", patternStyle = FilterPatternStyle.ANT)
final class AuditFilter {

    /** Longest target or detail taken from a path, in chars; request input is bounded. */
    static final int MAX_FIELD = 256;

    private static final Logger LOG = LoggerFactory.getLogger(AuditFilter.class);

    private final ApiAudit audit;

    AuditFilter(ApiAudit audit) {
        this.audit = audit;
    }

    @ResponseFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<?> record(HttpRequest<?> request, MutableHttpResponse<?> response) {
        Optional<RouteMatch<?>> route = RouteAttributes.getRouteMatch(request);
        Optional<Audited> audited = route.map(r -> r.getAnnotationMetadata()
                .synthesize(Audited.class));
        if (audited.isEmpty() || ApiAudit.audited(request) || !authenticated(request)) {
            return response;
        }
        Map<String, Object> variables = route.get() instanceof UriRouteMatch<?, ?> uri
                ? uri.getVariableValues() : Map.of();
        Audited what = audited.get();
        try {
            audit.record(request, what.value(), field(variables.get(what.target())),
                    outcome(response.status()), what.detail().isEmpty() ? ""
                            : field(variables.get(what.detail())));
            return response;
        } catch (ApiProblem unavailable) {
            // ApiAudit logged why; the answer is its 503, and the download stays in the spool.
            discard(response);
            return Problems.response(unavailable.status(), unavailable.title(),
                    unavailable.getMessage());
        } catch (CatalogException e) {
            throw new IllegalStateException("ApiAudit turns catalog failures into a 503", e);
        }
    }

    static String outcome(HttpStatus status) {
        int code = status.getCode();
        if (code < 400) {
            return "ok";
        }
        return switch (code) {
            case 404 -> "not-found";
            case 401, 403 -> "denied";
            default -> code < 500 ? "refused" : "failed";
        };
    }

    /** A path value as the log keeps it: control characters replaced, length bounded. */
    static String field(Object value) {
        String text = value == null ? "" : value.toString();
        StringBuilder kept = new StringBuilder();
        text.codePoints().limit(MAX_FIELD).forEach(c -> kept.appendCodePoint(
                Character.isISOControl(c) ? '?' : c));
        return kept.toString();
    }

    private static boolean authenticated(HttpRequest<?> request) {
        try {
            Caller.of(request);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void discard(HttpResponse<?> response) {
        response.getBody().ifPresent(body -> {
            if (body instanceof StreamedFile file) {
                try {
                    file.getInputStream().close();
                } catch (IOException e) {
                    LOG.warn("Cannot discard an unreleased download: {}", e.getMessage());
                }
            }
        });
    }
}
