package io.configvault.capture.seal;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;

/**
 * The keys a snapshot is sealed with.
 *
 * @param appliance the appliance's unlocked secret key: signs every snapshot
 * @param ingest    the vault's ingest certificate: every snapshot is encrypted to it
 */
public record SealingKeys(PgpSecretKey appliance, PgpPublicKey ingest) {

    /** Names the keys by fingerprint only. */
    @Override
    public String toString() {
        return "SealingKeys[appliance=" + appliance.fingerprint() + ", ingest="
                + ingest.fingerprint() + "]";
    }
}
