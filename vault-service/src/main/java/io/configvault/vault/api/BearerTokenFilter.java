package io.configvault.vault.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;

/**
 * Every {@code /api/} request needs {@code Authorization: Bearer <token>}; else 401. The one
 * exception is {@code POST /api/v1/enrolments}, exactly: an appliance has no bearer token yet,
 * the enrolment token in its body authenticates it (checked by {@link EnrolmentController}).
 * An accepted request carries the token's name as its {@link Caller}.
 */
@ServerFilter(value = "/api/**", patternStyle = FilterPatternStyle.ANT)
final class BearerTokenFilter {

    private final AdminToken adminToken;

    BearerTokenFilter(AdminToken adminToken) {
        this.adminToken = adminToken;
    }

    /** Null lets the request through; a response answers it. */
    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (request.getMethod() == HttpMethod.POST
                && EnrolmentController.ENROLMENTS.equals(request.getPath())) {
            return null;
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        if (header.startsWith("Bearer ") && adminToken.matches(header.substring(7).strip())) {
            Caller.record(request, Caller.admin());
            return null;
        }
        return Problems.response(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid bearer token is required.").header("WWW-Authenticate", "Bearer");
    }
}
