package io.configvault.vault.catalog;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/**
 * A filtered page of the audit log, newest first. Null filters match everything.
 *
 * @param since  records at or after this time
 * @param until  records before this time
 * @param before the cursor: only records with a lower seq (null for the first page)
 * @param limit  at most this many records (1 or more)
 */
public record AuditQuery(@Nullable String actor, @Nullable String action,
                         @Nullable String target, @Nullable String outcome,
                         @Nullable Instant since, @Nullable Instant until,
                         @Nullable Long before, int limit) {

    public AuditQuery {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, not " + limit);
        }
    }

    /** Whether {@code record} passes every filter and the cursor. */
    boolean matches(AuditRecord record) {
        return (actor == null || actor.equals(record.actor()))
                && (action == null || action.equals(record.action()))
                && (target == null || target.equals(record.target()))
                && (outcome == null || outcome.equals(record.outcome()))
                && (since == null || record.at().toEpochMilli() >= since.toEpochMilli())
                && (until == null || record.at().toEpochMilli() < until.toEpochMilli())
                && (before == null || record.seq() < before);
    }
}
