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

    PolicyController(PolicyCatalog catalog, ApiAudit audit, Clock clock) {
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    @Allowed(Role.VIEWER)
    @Get("/retention-policies")
    PolicyView.Page list() throws CatalogException {
        return new PolicyView.Page(catalog.policies().stream().map(PolicyView::of).toList());
    }

    @Allowed(Role.VIEWER)
    @Get("/retention-policies/{scope}")
    PolicyView show(@PathVariable String scope) throws CatalogException {
        PolicyScope parsed = scope(scope);
        return PolicyView.of(catalog.policy(parsed).orElseThrow(() -> none(parsed)));
    }

    @Allowed(Role.ADMIN)
    @Put("/retention-policies/{scope}")
    @Consumes(MediaType.APPLICATION_JSON)
    PolicyView.Put put(@PathVariable String scope, @Body @Nullable byte[] body,
                       HttpRequest<?> request) throws CatalogException {
        PolicyScope parsed = scope(scope);
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
        PolicyScope parsed = scope(scope);
        Optional<StoredPolicy> old = catalog.policy(parsed);
        if (old.isEmpty() || !catalog.deletePolicy(parsed)) {
            throw none(parsed);
        }
        audit.record(request, "policy.delete", parsed.key(), "ok",
                PolicyCodec.toJson(old.get().policy()));
        return HttpResponse.noContent();
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
