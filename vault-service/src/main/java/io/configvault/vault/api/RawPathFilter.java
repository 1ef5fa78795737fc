package io.configvault.vault.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;
import io.micronaut.http.server.annotation.PreMatching;

/**
 * Checks the raw path of every {@code /api/} request before the route is matched (and so
 * before any token or catalog lookup): see {@link RawPaths} for what it refuses with 400.
 * Object keys are never built from request input; this keeps odd ids away from everything else.
 */
@ServerFilter(value = "/api/**", patternStyle = FilterPatternStyle.ANT)
final class RawPathFilter implements Ordered {

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }

    /** Null lets the request through. */
    @PreMatching
    @RequestFilter
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request) {
        String problem = RawPaths.problem(request.getUri().getRawPath());
        if (problem == null) {
            return null;
        }
        return Problems.response(HttpStatus.BAD_REQUEST, "Bad Request",
                "The request path is refused: " + problem + ".");
    }
}
