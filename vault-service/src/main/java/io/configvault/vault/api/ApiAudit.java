package io.configvault.vault.api;

import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.CatalogException;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what an API request does to the audit log: who ({@link Caller}), what, on what, from
 * where (the client's address, the record's source), with which outcome. Called before the
 * answer's bytes leave: a record that cannot be written fails the request with a 503 problem
 * ({@link ApiProblem}), so nothing is ever released unaudited. A request audited here is marked,
 * so that {@link AuditFilter} does not write a second record for it.
 */
@Singleton
public final class ApiAudit {

    private static final Logger LOG = LoggerFactory.getLogger(ApiAudit.class);
    private static final String AUDITED = "configvault.audited";

    private final AuditLog log;
    private final Clock clock;

    public ApiAudit(AuditLog log, Clock clock) {
        this.log = log;
        this.clock = clock;
    }

    /**
     * @param action  e.g. {@code snapshot.download}, {@code snapshot.list}, {@code token.create}
     * @param target  a snapshot id, an appliance id, a token id, a policy scope
     * @param outcome {@code ok}, {@code denied}, {@code not-found}, {@code refused},
     *                {@code failed}
     * @param detail  the rest, never a secret
     */
    public void record(HttpRequest<?> request, String action, String target, String outcome,
                       String detail) throws CatalogException {
        try {
            log.audit(clock.instant(), Caller.of(request).name(), action, target, outcome,
                    detail, source(request));
        } catch (CatalogException e) {
            LOG.error("Cannot write the audit record of {} on {}; answering 503: {}", action,
                    target, e.getMessage());
            throw ApiProblem.unavailable("The audit log cannot be written now, so nothing was"
                    + " done or released; try again later.");
        }
        request.setAttribute(AUDITED, Boolean.TRUE);
    }

    /** Whether {@link #record} wrote a record for this request. */
    static boolean audited(HttpRequest<?> request) {
        return request.getAttribute(AUDITED, Boolean.class).orElse(false);
    }

    /** The client's address as the audit log's source. */
    public static String source(HttpRequest<?> request) {
        var address = request.getRemoteAddress();
        return address.getAddress() == null ? address.getHostString()
                : address.getAddress().getHostAddress();
    }
}
