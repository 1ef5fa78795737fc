package io.configvault.vault.catalog;

/** The outcome of {@link Catalog#redeem}: what the token did, or why it did nothing. */
public sealed interface Redemption {

    /** A new appliance id is bound to the key, in the token's fleet. The token is used up. */
    record Enrolled(Appliance appliance) implements Redemption {
    }

    /**
     * The id was already bound to this very key: nothing changed (an agent retrying an enrolment
     * whose answer it lost, or enrolling again with a fresh token). An unused token is used up.
     */
    record Confirmed(Appliance appliance) implements Redemption {
    }

    /** A re-key token replaced the id's key; snapshots must now be signed by the new one. */
    record Rekeyed(Appliance appliance, String previousFingerprint) implements Redemption {
    }

    /** Nothing changed and the token stays as it was. */
    record Refused(Refusal refusal) implements Redemption {
    }

    /** Why a token was refused. */
    enum Refusal {
        /** No token with this hash was ever issued. */
        UNKNOWN_TOKEN,
        /** The token was redeemed before (by another appliance or for another key). */
        TOKEN_USED,
        /** The token's lifetime is over. */
        TOKEN_EXPIRED,
        /** The token was issued for another appliance id. */
        OTHER_APPLIANCE,
        /** The id is enrolled with another key; only a re-key token may replace it. */
        KEY_CONFLICT,
        /** The id is enrolled in another fleet than the token's. */
        FLEET_CONFLICT
    }
}
