package io.configvault.vault.api;

import io.configvault.vault.enrol.IssuedToken;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Response bodies of the enrolment endpoints. */
final class EnrolmentViews {

    private EnrolmentViews() {
    }

    /** A token, shown once to the admin who asked for it. */
    @Serdeable
    record Token(String token, String purpose, String fleet, @Nullable String applianceId,
                 String expiresAt) {

        static Token of(IssuedToken issued) {
            return new Token(issued.token(),
                    issued.purpose().name().toLowerCase(java.util.Locale.ROOT), issued.fleet(),
                    issued.applianceId(), issued.expiresAt().toString());
        }

        @Override
        public String toString() {
            return "Token[" + purpose + ", " + fleet + ", " + applianceId + "]";
        }
    }

    /**
     * What an enrolled appliance needs: the key to encrypt its snapshots to.
     *
     * @param ingestPublicKey the vault's armored ingest public key
     * @param fingerprint     its fingerprint, for the appliance to pin and an operator to compare
     */
    @Serdeable
    record Enrolment(String applianceId, String fleet, String ingestPublicKey,
                     String fingerprint) {
    }
}
