package io.configvault.vault.api;

import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.CatalogException;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * Writes what an API request does to the audit log: who ({@link Caller}), what, on what, from
 * where (the client's address), with which outcome. Called before the answer's bytes leave: a
 * record that cannot be written fails the request (the catalog is unavailable: 503), so nothing
 * is ever released unaudited.
 */
@Singleton
public final class ApiAudit {

    private final AuditLog log;
    private final Clock clock;

    public ApiAudit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param action  e.g. {@code snapshot.download}, {@code snapshot.list}, {@code token.create}
     * @param target  a snapshot id, an appliance id, a token id, a policy scope
     * @param outcome {@code ok}, {@code denied}, {@code not-found}, {@code failed}
     * @param detail  the rest, never a secret
     */
    public void record(HttpRequest<?> request, String action, String target, String outcome,
                       String detail) throws CatalogException {
        log.audit(clock.instant(), Caller.of(request).name(), action, target, outcome,
                from(request) + (detail.isEmpty() ? "" : "; " + detail));
    }

    private static String from(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        return "from " + (address.getAddress() == null ? address.getHostString()
                : address.getAddress().getHostAddress());
    }
}
