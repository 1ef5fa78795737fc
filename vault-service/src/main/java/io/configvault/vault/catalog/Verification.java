package io.configvault.vault.catalog;

import io.configvault.shared.snapshot.SnapshotId;
import java.util.Locale;
import java.util.Objects;
import java.time.Instant;

/**
 * The result of one restore drill on a stored snapshot: fetched, decrypted, signature, bundle
 * and entry digests, manifest identity and SQLite {@code integrity_check} — all passed, or the
 * first failure. Immutable.
 *
 * @param verifiedAt when the drill finished; millisecond precision once stored
 * @param evidence   what was checked and found (counts, sizes, digests, per-SQLite-entry
 *                   results) or the failure reason. Never plaintext, object keys or secrets;
 *                   at most {@link #MAX_EVIDENCE} characters
 */
public record Verification(SnapshotId snapshotId, Instant verifiedAt, Outcome outcome,
                           Trigger trigger, String evidence) {

    /** Longest evidence text kept; longer text is cut with an ellipsis. */
    public static final int MAX_EVIDENCE = 4000;

    /** Whether every check passed. */
    public enum Outcome {
        OK, FAILED;

        /** Lower case, as the API and the metric show it. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Who asked for the drill. */
    public enum Trigger {
        /** {@code POST /api/v1/snapshots/{id}/verify}. */
        API,
        /** The scheduled sampler ({@code vault.verify.*}). */
        SAMPLER;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Verification {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(verifiedAt, "verifiedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(trigger, "trigger");
        if (evidence == null || evidence.isBlank()) {
            throw new IllegalArgumentException("A verification of snapshot " + snapshotId
                    + " needs evidence");
        }
        if (evidence.length() > MAX_EVIDENCE) {
            evidence = evidence.substring(0, MAX_EVIDENCE - 1) + "…";
        }
    }

    public boolean ok() {
        return outcome == Outcome.OK;
    }
}
