package io.configvault.vault.api;

import io.configvault.vault.catalog.CatalogException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code /api/} request needs {@code Authorization: Bearer <token>} of a valid (known, not
 * revoked) token; else 401. The one exception is {@code POST /api/v1/enrolments}, exactly: an
 * appliance has no bearer token yet, the enrolment token in its body authenticates it (checked
 * by {@link EnrolmentController}). An accepted request carries its token as its {@link Caller};
 * {@link RouteAccess} then decides on the matched route (403, 429). Runs on the blocking pool:
 * it reads the catalog.
 */
@ServerFilter(value = "/api/**", patternStyle = FilterPatternStyle.ANT)
final class BearerTokenFilter implements Ordered {

    private static final Logger LOG = LoggerFactory.getLogger(BearerTokenFilter.class);

    private final ApiTokens tokens;
    private final RouteAccess access;

    BearerTokenFilter(ApiTokens tokens, RouteAccess access) {
        this.tokens = tokens;
        this.access = access;
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE + 100;
    }

    /** Null lets the request through; a response answers it. */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.POST
                && EnrolmentController.ENROLMENTS.equals(request.getPath())) {
            return null;
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        try {
            Optional<Caller> caller = header.startsWith("Bearer ")
                    ? tokens.authenticate(header.substring(7).strip()) : Optional.empty();
            if (caller.isEmpty()) {
                return Problems.response(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "A valid bearer token is required.").header("WWW-Authenticate", "Bearer");
            }
            Caller.record(request, caller.get());
            return access.check(request, caller.get());
        } catch (CatalogException e) {
            LOG.warn("Cannot check a bearer token: {}", e.getMessage());
            return Problems.response(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The vault cannot check bearer tokens now (its catalog is unavailable); try"
                            + " again later.");
        }
    }
}
