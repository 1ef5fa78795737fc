package io.configvault.vault.api;

import io.configvault.vault.catalog.Verification;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A restore drill as the API shows it.
 *
 * @param outcome  {@code ok} or {@code failed}
 * @param trigger  {@code api} or {@code sampler}
 * @param evidence what was checked and found, or why it failed; metadata only
 */
@Serdeable
public record VerificationView(String snapshotId, String outcome, String verifiedAt,
                               String trigger, String evidence) {

    static VerificationView of(Verification v) {
        return new VerificationView(v.snapshotId().toString(), v.outcome().wireName(),
                v.verifiedAt().toString(), v.trigger().wireName(), v.evidence());
    }

    /** The latest drill as a snapshot listing shows it (evidence via the verification path). */
    @Serdeable
    public record Summary(String outcome, String verifiedAt, String trigger) {

        static Summary of(Verification v) {
            return new Summary(v.outcome().wireName(), v.verifiedAt().toString(),
                    v.trigger().wireName());
        }
    }
}
