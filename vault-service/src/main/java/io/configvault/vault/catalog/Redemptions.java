package io.configvault.vault.catalog;

import io.configvault.vault.catalog.Redemption.Refusal;

/**
 * The rules of redeeming an enrolment token, in one place for every {@link Catalog}: an
 * implementation reads the token row and the appliance row inside one transaction, asks
 * {@link #decide} and applies the answer (bind or re-key the appliance, use up the token).
 */
final class Redemptions {

    private Redemptions() {
    }

    /**
     * @param token    the token row with the presented hash, or null
     * @param enrolled the appliance row of the claimed id, or null
     */
    static Redemption decide(EnrolmentToken token, Appliance enrolled, TokenRedemption request) {
        if (token == null) {
            return new Redemption.Refused(Refusal.UNKNOWN_TOKEN);
        }
        if (token.applianceId() != null && !token.applianceId().equals(request.applianceId())) {
            return new Redemption.Refused(Refusal.OTHER_APPLIANCE);
        }
        boolean sameKey = enrolled != null
                && enrolled.fingerprint().equals(request.fingerprint());
        if (token.usedAt() != null) {
            // A replay of the enrolment this token made is answered as before: the agent may
            // have lost the first answer. Anything else with a used token is refused.
            return sameKey && request.applianceId().equals(token.usedBy())
                    ? new Redemption.Confirmed(enrolled)
                    : new Redemption.Refused(Refusal.TOKEN_USED);
        }
        if (!request.at().isBefore(token.expiresAt())) {
            return new Redemption.Refused(Refusal.TOKEN_EXPIRED);
        }
        if (enrolled == null) {
            return new Redemption.Enrolled(new Appliance(request.applianceId(), token.fleet(),
                    request.publicKey(), request.fingerprint(), request.at()));
        }
        if (!enrolled.fleet().equals(token.fleet())) {
            return new Redemption.Refused(Refusal.FLEET_CONFLICT);
        }
        if (sameKey) {
            return new Redemption.Confirmed(enrolled);
        }
        if (token.purpose() == EnrolmentToken.Purpose.REKEY) {
            return new Redemption.Rekeyed(new Appliance(request.applianceId(), enrolled.fleet(),
                    request.publicKey(), request.fingerprint(), request.at()),
                    enrolled.fingerprint());
        }
        return new Redemption.Refused(Refusal.KEY_CONFLICT);
    }
}
