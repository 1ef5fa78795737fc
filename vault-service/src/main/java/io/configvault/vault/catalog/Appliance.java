package io.configvault.vault.catalog;

import java.time.Instant;

/**
 * An enrolled appliance: the only key allowed to sign its snapshots, and its fleet.
 *
 * @param publicKey armored OpenPGP public key
 */
public record Appliance(String id, String fleet, String publicKey, String fingerprint,
                        Instant enrolledAt) {
}
