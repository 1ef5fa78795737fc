package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * An enrolment token as the catalog keeps it: never the token itself, only its SHA-256.
 *
 * @param hash        SHA-256 of the token (64 lower-case hex digits); the key of the row
 * @param purpose     what redeeming it may do
 * @param fleet       the fleet an appliance enrolled with it joins
 * @param applianceId the only appliance id it may enrol, or null for any id
 * @param issuedAt    when an admin issued it
 * @param expiresAt   after this instant it is refused
 * @param usedAt      when it was redeemed, or null while unused
 * @param usedBy      the appliance id that redeemed it, or null while unused
 */
public record EnrolmentToken(String hash, Purpose purpose, String fleet, String applianceId,
                             Instant issuedAt, Instant expiresAt, Instant usedAt, String usedBy) {

    /** What a token allows. */
    public enum Purpose {
        /** Enrol a new appliance id, or confirm an enrolled one with the same key. */
        ENROL,
        /** Like {@code ENROL}, and also replace the key of its (enrolled) appliance id. */
        REKEY
    }

    public EnrolmentToken {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (purpose == Purpose.REKEY && applianceId == null) {
            throw new IllegalArgumentException("a re-key token must name its appliance");
        }
    }

    /** A new, unused token. */
    public static EnrolmentToken issued(String hash, Purpose purpose, String fleet,
                                        String applianceId, Instant issuedAt, Instant expiresAt) {
        return new EnrolmentToken(hash, purpose, fleet, applianceId, issuedAt, expiresAt, null,
                null);
    }
}
