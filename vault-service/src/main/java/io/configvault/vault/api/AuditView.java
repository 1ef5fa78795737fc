package io.configvault.vault.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.configvault.vault.audit.AuditVerdict;
import io.configvault.vault.catalog.AuditRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** One audit record as the API shows it, with its link in the chain; empty fields shown. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditView(long seq, String at, String actor, String action, String target,
                 String outcome, String detail, String source, @Nullable String prevHash,
                 @Nullable String hash) {

    static AuditView of(AuditRecord r) {
        return new AuditView(r.seq(), r.at().toString(), r.actor(), r.action(), r.target(),
                r.outcome(), r.detail(), r.source(), r.prevHash(), r.hash());
    }

    /**
     * A page, newest first.
     *
     * @param next the {@code after} of the next (older) page, or null on the last page
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<AuditView> items, @Nullable Long next) {
    }

    /** What the chain's verification found; nulls shown. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Verification(boolean ok, long records, @Nullable Long firstBrokenSeq,
                        @Nullable String reason, long exportedSeq) {

        static Verification of(AuditVerdict v) {
            return new Verification(v.ok(), v.records(), v.firstBrokenSeq(), v.reason(),
                    v.exportedSeq());
        }
    }
}
