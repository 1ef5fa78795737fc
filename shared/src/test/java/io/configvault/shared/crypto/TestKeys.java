package io.configvault.shared.crypto;

/**
 * Keys generated once per test JVM (S2K makes each unlock cost tens of milliseconds). TEST ONLY.
 */
final class TestKeys {

    static final char[] PASSPHRASE = "test-only passphrase, not a secret".toCharArray();

    /** A generated key with its parsed public part and unlocked secret part. */
    record Key(OpenPgpKeys.GeneratedKey generated, PgpPublicKey publicKey, PgpSecretKey secretKey) {
        String fingerprint() {
            return generated.fingerprint();
        }
    }

    private TestKeys() {
    }

    static Key generate(String name) {
        OpenPgpKeys.GeneratedKey generated =
                OpenPgpKeys.generate(name + " <" + name + "@test.invalid>", PASSPHRASE);
        try {
            return new Key(generated, OpenPgpKeys.readPublicKey(generated.armoredPublicKey()),
                    OpenPgpKeys.readSecretKey(generated.armoredSecretKey(), PASSPHRASE));
        } catch (OpenPgpException e) {
            throw new AssertionError(e);
        }
    }

    /** The appliance that signs snapshots. */
    static Key appliance() {
        return Holder.APPLIANCE;
    }

    /** The vault's ingest / storage key. */
    static Key vault() {
        return Holder.VAULT;
    }

    static Key escrow() {
        return Holder.ESCROW;
    }

    /** Another appliance, or anyone else with a key. */
    static Key outsider() {
        return Holder.OUTSIDER;
    }

    private static final class Holder {
        static final Key APPLIANCE = generate("appliance-test-only");
        static final Key VAULT = generate("vault-test-only");
        static final Key ESCROW = generate("escrow-test-only");
        static final Key OUTSIDER = generate("outsider-test-only");
    }
}
