package io.configvault.vault.api;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.retention.PolicyCodec;
import io.configvault.vault.retention.PolicyException;
import io.configvault.vault.retention.PolicyScope;
import io.configvault.vault.retention.RetentionPolicy;
import io.configvault.vault.retention.StoredPolicy;
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
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Retention policies (admin): list, read, set and delete the policy of a scope ({@code vault},
 * {@code fleet:<id>}, {@code appliance:<id>}). A PUT body is the policy document, read strictly
 * by {@link PolicyCodec}; a refused one is a 400 problem naming the rule at fault in its
 * {@code rule} member. Every change is written to the audit log ({@code policy.put},
 * {@code policy.delete}, with the policy's JSON) before the answer.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class PolicyController {

    /** A policy document is a few hundred bytes; this leaves room for every rule and trigger. */
    static final int MAX_BYTES = 16 * 1024;

    private final PolicyCatalog catalog;
    private final ApiAudit audit;
    private final Clock clock;
    private final ScopeVisibility scopes;
    private final FleetGuard guard;

    PolicyController(PolicyCatalog catalog, ApiAudit audit, Clock clock, ScopeVisibility scopes,
                     FleetGuard guard) {
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.scopes = scopes;
        this.guard = guard;
    }

    /** The policies of the scopes the caller may see. */
    @Allowed(Role.VIEWER)
    @Get("/retention-policies")
    PolicyView.Page list(HttpRequest<?> request) throws CatalogException {
        Caller caller = Caller.of(request);
        var visible = new java.util.ArrayList<PolicyView>();
        for (StoredPolicy policy : catalog.policies()) {
            if (scopes.visible(caller, policy.scope())) {
                visible.add(PolicyView.of(policy));
            }
        }
        return new PolicyView.Page(visible);
    }

    @Allowed(Role.VIEWER)
    @Get("/retention-policies/{scope}")
    PolicyView show(@PathVariable String scope, HttpRequest<?> request) throws CatalogException {
        PolicyScope parsed = visible(scope(scope), request, "policy.show");
        return PolicyView.of(catalog.policy(parsed).orElseThrow(() -> none(parsed)));
    }

    @Allowed(Role.ADMIN)
    @Put("/retention-policies/{scope}")
    @Consumes(MediaType.APPLICATION_JSON)
    PolicyView.Put put(@PathVariable String scope, @Body @Nullable byte[] body,
                       HttpRequest<?> request) throws CatalogException {
        PolicyScope parsed = scope(scope);
        if (!scopes.writable(Caller.of(request), parsed)) {
            guard.deny(request, "policy.put", parsed.key(), "scope not writable by this token",
                    new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "This token may not set"
                            + " the retention policy of " + parsed.key() + (parsed
                            instanceof PolicyScope.Vault ? " (that needs a token of all fleets)."
                            : ".")));
        }
        RetentionPolicy policy = policy(body);
        StoredPolicy stored = new StoredPolicy(parsed, policy,
                clock.instant().truncatedTo(ChronoUnit.MILLIS), Caller.of(request).name());
        boolean created = catalog.policy(parsed).isEmpty();
        catalog.putPolicy(stored);
        audit.record(request, "policy.put", parsed.key(), "ok", PolicyCodec.toJson(policy));
        return PolicyView.Put.of(stored, created);
    }

    @Allowed(Role.ADMIN)
    @Delete("/retention-policies/{scope}")
    HttpResponse<?> delete(@PathVariable String scope, HttpRequest<?> request)
            throws CatalogException {
        PolicyScope parsed = visible(scope(scope), request, "policy.delete");
        if (!scopes.writable(Caller.of(request), parsed)) {
            guard.deny(request, "policy.delete", parsed.key(), "scope not writable by this"
                    + " token", new ApiProblem(HttpStatus.FORBIDDEN, "Forbidden", "Deleting the"
                    + " vault's retention policy needs a token of all fleets."));
        }
        Optional<StoredPolicy> old = catalog.policy(parsed);
        if (old.isEmpty() || !catalog.deletePolicy(parsed)) {
            throw none(parsed);
        }
        audit.record(request, "policy.delete", parsed.key(), "ok",
                PolicyCodec.toJson(old.get().policy()));
        return HttpResponse.noContent();
    }

    /** An invisible scope answers as one without a policy (audited). */
    private PolicyScope visible(PolicyScope scope, HttpRequest<?> request, String action)
            throws CatalogException {
        if (!scopes.visible(Caller.of(request), scope)) {
            guard.deny(request, action, scope.key(), "scope not visible to this token",
                    none(scope));
        }
        return scope;
    }

    private static PolicyScope scope(String scope) {
        try {
            return PolicyScope.parse(scope);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("Invalid policy scope: " + e.getMessage() + ".");
        }
    }

    private static RetentionPolicy policy(byte[] body) {
        if (body != null && body.length > MAX_BYTES) {
            throw new ApiProblem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "Payload Too Large",
                    "A policy document is at most " + MAX_BYTES + " bytes.");
        }
        try {
            return PolicyCodec.read(body == null ? new byte[0] : body);
        } catch (PolicyException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid Policy", e.getMessage() + ".",
                    Map.of("rule", e.rule()));
        }
    }

    private static ApiProblem none(PolicyScope scope) {
        return ApiProblem.notFound("No retention policy is set for " + scope.key() + ".");
    }
}
