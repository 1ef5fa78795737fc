package io.configvault.vault.api;

import io.configvault.vault.catalog.CatalogException;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Fleet scoping without an existence leak: a thing of a fleet the caller's token cannot see
 * answers exactly the problem a missing one answers, and the attempt is audited (outcome
 * {@code denied}, naming the fleet) before the answer.
 */
@Singleton
final class FleetGuard {

    private final ApiAudit audit;

    FleetGuard(ApiAudit audit) {
        this.audit = audit;
    }

    /**
     * @param missing what the endpoint answers when the thing does not exist (or, where nothing
     *                is looked up, such as issuing an enrolment token for a fleet, a 403)
     * @throws ApiProblem {@code missing}, when the caller cannot see {@code fleet}
     */
    void require(HttpRequest<?> request, String fleet, String action, String target,
                 ApiProblem missing) throws CatalogException {
        if (!sees(request, fleet, action, target)) {
            throw missing;
        }
    }

    /** True when the caller sees {@code fleet}; false after auditing the attempt. */
    boolean sees(HttpRequest<?> request, String fleet, String action, String target)
            throws CatalogException {
        if (Caller.of(request).canSee(fleet)) {
            return true;
        }
        audit.record(request, action, target, "denied", "fleet " + fleet
                + " is not visible to this token");
        return false;
    }

    /** Audits a refused attempt ({@code why} goes to the audit log only), then throws. */
    void deny(HttpRequest<?> request, String action, String target, String why,
              ApiProblem answer) throws CatalogException {
        audit.record(request, action, target, "denied", why);
        throw answer;
    }
}
