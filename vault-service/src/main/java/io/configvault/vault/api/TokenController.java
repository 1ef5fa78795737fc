package io.configvault.vault.api;

import io.configvault.shared.snapshot.Identifiers;
import io.configvault.vault.catalog.ApiToken;
import io.configvault.vault.catalog.ApiTokenCatalog;
import io.configvault.vault.catalog.CatalogException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * Bearer tokens (admin of all fleets): {@code POST /tokens} with {@code {"name", "role",
 * "fleets"}} issues one and answers its secret this once (201; 409 when a valid token has that
 * name), {@code GET /tokens} lists them without secrets (paged by id), {@code DELETE
 * /tokens/{id}} revokes one (204; 404 unknown; 409 for the last valid admin token of all
 * fleets). Every change is audited ({@code token.create}, {@code token.revoke}), never a secret.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class TokenController {

    static final int MAX_PAGE = 1000;
    static final int MAX_FLEETS = 100;

    private final ApiTokens tokens;
    private final ApiTokenCatalog catalog;
    private final ApiAudit audit;
    private final Clock clock;

    TokenController(ApiTokens tokens, ApiTokenCatalog catalog, ApiAudit audit, Clock clock) {
        this.tokens = tokens;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Allowed(Role.ADMIN)
    @AllFleets
    @Post("/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<TokenView.Created> create(@Body @Nullable byte[] body, HttpRequest<?> request)
            throws CatalogException {
        JsonBody json = JsonBody.parse(body, Set.of("name", "role", "fleets"));
        String name = json.required("name");
        if (!Identifiers.isName(name)) {
            throw ApiProblem.badRequest("Invalid name: use 1-63 lower-case letters, digits, '.',"
                    + " '_' or '-', starting with a letter or digit.");
        }
        Role role = role(json.required("role"));
        List<String> fleets = fleets(json.strings("fleets"));
        ApiTokens.Issued issued = tokens.issue(name, role, fleets, Caller.of(request).name())
                .orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "Conflict", "A valid"
                        + " token named " + name + " exists; revoke it first or choose another"
                        + " name."));
        audit.record(request, "token.create", issued.token().id(), "ok", "name " + name
                + ", role " + issued.token().role() + ", fleets " + fleets);
        return HttpResponse.<TokenView.Created>status(HttpStatus.CREATED)
                .body(TokenView.Created.of(issued)).header("Cache-Control", "no-store");
    }

    @Allowed(Role.ADMIN)
    @AllFleets
    @Get("/tokens")
    TokenView.Page list(@QueryValue @Nullable String after,
                        @QueryValue(defaultValue = "100") int limit) throws CatalogException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        if (after != null && !Identifiers.isName(after)) {
            throw ApiProblem.badRequest("Invalid after: use a token id.");
        }
        List<ApiToken> page = catalog.apiTokens(after, limit);
        String next = page.size() == limit ? page.getLast().id() : null;
        return new TokenView.Page(page.stream().map(TokenView::of).toList(), next);
    }

    @Allowed(Role.ADMIN)
    @AllFleets
    @Delete("/tokens/{tokenId}")
    HttpResponse<?> revoke(@PathVariable String tokenId, HttpRequest<?> request)
            throws CatalogException {
        if (!Identifiers.isName(tokenId)) {
            throw ApiProblem.badRequest("Invalid token id.");
        }
        return switch (catalog.revokeApiToken(tokenId, clock.instant())) {
            case REVOKED -> {
                audit.record(request, "token.revoke", tokenId, "ok", "");
                yield HttpResponse.noContent();
            }
            case UNKNOWN -> throw ApiProblem.notFound("No token " + tokenId + ".");
            case LAST_ADMIN -> {
                audit.record(request, "token.revoke", tokenId, "denied", "last admin token");
                throw new ApiProblem(HttpStatus.CONFLICT, "Conflict", "Token " + tokenId
                        + " is the last valid admin token of all fleets; create another one"
                        + " (role admin, fleets [\"*\"]) before revoking it.");
            }
        };
    }

    private static Role role(String role) {
        for (Role known : Role.values()) {
            if (ApiTokens.roleName(known).equals(role)) {
                return known;
            }
        }
        throw ApiProblem.badRequest("role must be viewer, operator or admin.");
    }

    private static List<String> fleets(@Nullable List<String> fleets) {
        if (fleets == null || fleets.isEmpty()) {
            throw ApiProblem.badRequest("fleets is required: a list of fleet ids, or [\"*\"] for"
                    + " all fleets.");
        }
        if (fleets.contains(Caller.ALL_FLEETS)) {
            if (fleets.size() != 1) {
                throw ApiProblem.badRequest("fleets is either [\"*\"] or a list of fleet ids.");
            }
            return fleets;
        }
        if (fleets.size() > MAX_FLEETS) {
            throw ApiProblem.badRequest("fleets lists at most " + MAX_FLEETS + " fleets.");
        }
        if (!fleets.stream().allMatch(Identifiers::isName)) {
            throw ApiProblem.badRequest("Invalid fleet in fleets: use 1-63 lower-case letters,"
                    + " digits, '.', '_' or '-'.");
        }
        return fleets.stream().distinct().sorted().toList();
    }
}
