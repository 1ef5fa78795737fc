package io.configvault.vault.enrol;

import io.configvault.vault.catalog.EnrolmentToken;
import java.time.Instant;

/**
 * A token just issued: the only time its text exists outside the admin's hands.
 *
 * @param token       the token text, to hand to the appliance; never logged
 * @param applianceId the only appliance id it enrols, or null for any
 */
public record IssuedToken(String token, EnrolmentToken.Purpose purpose, String fleet,
                          String applianceId, Instant expiresAt) {

    /** Leaves the token out, so that it does not end up in a log. */
    @Override
    public String toString() {
        return "IssuedToken[" + purpose + ", fleet=" + fleet + ", appliance=" + applianceId
                + ", expiresAt=" + expiresAt + "]";
    }
}
