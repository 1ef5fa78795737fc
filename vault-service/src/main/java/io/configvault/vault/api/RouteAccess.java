package io.configvault.vault.api;

import io.configvault.vault.catalog.CatalogException;
import io.micronaut.core.annotation.AnnotationMetadata;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.web.router.RouteAttributes;
import io.micronaut.web.router.RouteInfo;
import io.micronaut.web.router.RouteMatch;
import io.micronaut.web.router.UriRouteInfo;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * What an authenticated caller may do with the matched route, from the route's annotations:
 * deny by default (a route without {@link Allowed} answers 403 to every token), the role of
 * {@link Allowed}, the token of all fleets {@link AllFleets} asks for, and the download
 * allowance of {@link Throttled} (429 with {@code Retry-After}). Refusals of role or fleets are
 * audited ({@code access}, outcome {@code denied}). A path no route matches passes (404 follows).
 */
@Singleton
final class RouteAccess {

    private final ApiAudit audit;
    private final DownloadAllowance allowance;

    RouteAccess(ApiAudit audit, DownloadAllowance allowance) {
        this.audit = audit;
        this.allowance = allowance;
    }

    /** @return null when the caller may go on, else the answer */
    @Nullable
    HttpResponse<?> check(HttpRequest<?> request, Caller caller) throws CatalogException {
        Optional<RouteInfo<?>> route = RouteAttributes.getRouteMatch(request)
                .<RouteInfo<?>>map(RouteMatch::getRouteInfo)
                .or(() -> RouteAttributes.getRouteInfo(request));
        if (route.isEmpty()) {
            return null;
        }
        AnnotationMetadata metadata = route.get().getAnnotationMetadata();
        String endpoint = request.getMethod() + " " + template(route.get(), request);
        Optional<Role> required = metadata.enumValue(Allowed.class, Role.class);
        if (required.isEmpty()) {
            return denied(request, endpoint, "no role is declared",
                    "No token may use " + endpoint + ": the endpoint declares no role.");
        }
        if (!caller.has(required.get())) {
            String role = ApiTokens.roleName(caller.role());
            return denied(request, endpoint, "role " + role, "This token's role (" + role
                    + ") may not use " + endpoint + "; it needs the "
                    + ApiTokens.roleName(required.get()) + " role.");
        }
        if (metadata.hasAnnotation(AllFleets.class) && !caller.canSee(Caller.ALL_FLEETS)) {
            return denied(request, endpoint, "fleets " + new TreeSet<>(caller.fleets()),
                    "This token is limited to fleets " + String.join(", ",
                            new TreeSet<>(caller.fleets())) + "; " + endpoint
                            + " acts on every fleet and needs a token of all fleets (\"*\").");
        }
        if (metadata.hasAnnotation(Throttled.class)) {
            OptionalLong wait = allowance.take(caller.tokenId());
            if (wait.isPresent()) {
                return Problems.response(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests",
                        "This token has used up its download allowance; try again in "
                                + wait.getAsLong() + " seconds.")
                        .header("Retry-After", Long.toString(wait.getAsLong()));
            }
        }
        return null;
    }

    private HttpResponse<?> denied(HttpRequest<?> request, String endpoint, String why,
                                   String detail) throws CatalogException {
        audit.record(request, "access", endpoint, "denied", why);
        return Problems.response(HttpStatus.FORBIDDEN, "Forbidden", detail);
    }

    private static String template(RouteInfo<?> route, HttpRequest<?> request) {
        return route instanceof UriRouteInfo<?, ?> uri ? uri.getUriMatchTemplate().toString()
                : request.getPath();
    }
}
