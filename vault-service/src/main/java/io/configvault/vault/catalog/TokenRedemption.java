package io.configvault.vault.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * An appliance presenting an enrolment token with its public key.
 *
 * @param tokenHash   SHA-256 of the presented token (the catalog never sees the token)
 * @param applianceId the id the appliance claims, already validated
 * @param publicKey   its armored OpenPGP public key, already parsed and checked
 * @param fingerprint that key's fingerprint
 * @param at          now, from the vault's clock
 */
public record TokenRedemption(String tokenHash, String applianceId, String publicKey,
                              String fingerprint, Instant at) {

    public TokenRedemption {
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(applianceId, "applianceId");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(at, "at");
    }
}
