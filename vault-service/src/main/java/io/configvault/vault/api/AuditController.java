package io.configvault.vault.api;

import io.configvault.vault.audit.AuditVerifier;
import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.AuditQuery;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreUnavailableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log (admin). {@code GET /audit}: records newest first (highest seq first), filtered
 * by exact {@code actor}, {@code action}, {@code target}, {@code outcome}, and by time
 * ({@code since} inclusive, {@code until} exclusive, ISO-8601 instants); paged by the seq
 * cursor {@code after} (the {@code next} of the previous page: records older than it) and
 * {@code limit} (1 to {@value #MAX_PAGE}, default 100); 400 otherwise. {@code GET
 * /audit/verification}: walks the whole chain and compares it with the newest export
 * ({@link AuditVerifier}); 200 with {@code ok} true or false, 503 when the bucket cannot be read.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
final class AuditController {

    static final int MAX_PAGE = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(AuditController.class);

    private final AuditLog log;
    private final AuditVerifier verifier;

    AuditController(AuditLog log, AuditVerifier verifier) {
        this.log = log;
        this.verifier = verifier;
    }

    @Allowed(Role.ADMIN)
    @AllFleets
    @Get("/audit{?actor,action,target,outcome,since,until,after,limit}")
    AuditView.Page list(@QueryValue @Nullable String actor, @QueryValue @Nullable String action,
                        @QueryValue @Nullable String target,
                        @QueryValue @Nullable String outcome,
                        @QueryValue @Nullable String since, @QueryValue @Nullable String until,
                        @QueryValue @Nullable Long after,
                        @QueryValue(defaultValue = "100") int limit) throws CatalogException {
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_PAGE + ".");
        }
        if (after != null && after < 1) {
            throw ApiProblem.badRequest("after must be a record's seq (1 or more).");
        }
        List<AuditRecord> records = log.auditPage(new AuditQuery(actor, action, target, outcome,
                instant("since", since), instant("until", until), after, limit));
        Long next = records.size() == limit ? records.getLast().seq() : null;
        return new AuditView.Page(records.stream().map(AuditView::of).toList(), next);
    }

    @Allowed(Role.ADMIN)
    @AllFleets
    @Get("/audit/verification")
    AuditView.Verification verification() throws CatalogException, IOException {
        try {
            return AuditView.Verification.of(verifier.verify());
        } catch (StoreUnavailableException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The bucket is unavailable, so the audit log cannot be compared with its"
                            + " export; try again later.");
        } catch (StoreException e) {
            LOG.warn("Cannot compare the audit log with its export: {}", e.getMessage());
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable",
                    "The bucket refused to list or read the audit export; see the vault's"
                            + " log.");
        }
    }

    private static @Nullable Instant instant(String name, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 instant, e.g."
                    + " 2025-01-31T12:00:00Z.");
        }
    }
}
