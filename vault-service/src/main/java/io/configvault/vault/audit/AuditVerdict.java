package io.configvault.vault.audit;

import io.micronaut.core.annotation.Nullable;

/**
 * What {@link AuditVerifier} found.
 *
 * @param ok             the chain is whole and agrees with the newest export
 * @param records        records checked (up to the first broken one)
 * @param firstBrokenSeq the seq at which the check failed, or null when ok
 * @param reason         why, or null when ok
 * @param exportedSeq    the newest exported record's seq (0 when nothing is exported yet)
 */
public record AuditVerdict(boolean ok, long records, @Nullable Long firstBrokenSeq,
                           @Nullable String reason, long exportedSeq) {

    static AuditVerdict whole(long records, long exportedSeq) {
        return new AuditVerdict(true, records, null, null, exportedSeq);
    }

    static AuditVerdict broken(long records, long seq, String reason, long exportedSeq) {
        return new AuditVerdict(false, records, seq, reason, exportedSeq);
    }
}
