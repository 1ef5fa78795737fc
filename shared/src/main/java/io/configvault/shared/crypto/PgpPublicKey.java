package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.UNUSABLE_KEY;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;

/**
 * An OpenPGP certificate (public key ring) whose self-signatures have been checked: a recipient
 * to encrypt to, or a signer whose signatures to require. Obtained from {@link OpenPgpKeys}.
 *
 * <p>Immutable and thread-safe. Two instances are equal when their binary encodings are.
 */
public final class PgpPublicKey {

    private final PGPPublicKeyRing ring;
    private final byte[] encoded;
    private final String fingerprint;
    private final String userId;
    private final List<PGPPublicKey> signingKeys;
    private final List<PGPPublicKey> encryptionKeys;

    private PgpPublicKey(PGPPublicKeyRing ring, byte[] encoded, SelfSignatures.Checked checked) {
        this.ring = ring;
        this.encoded = encoded;
        this.fingerprint = Fingerprints.of(ring.getPublicKey());
        this.userId = checked.userId();
        this.signingKeys = checked.signingKeys();
        this.encryptionKeys = checked.encryptionKeys();
    }

    /** Checks the ring's self-signatures; fails with {@code UNUSABLE_KEY} when they do not hold. */
    static PgpPublicKey of(PGPPublicKeyRing ring) throws OpenPgpException {
        SelfSignatures.Checked checked = SelfSignatures.check(ring);
        try {
            return new PgpPublicKey(ring, ring.getEncoded(true), checked);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a key ring in memory", e);
        }
    }

    /** Fingerprint of the primary key: 40 upper-case hex digits, as {@code gpg} prints it. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The primary user id (e.g. {@code "nas-17 <nas-17@fleet.example>"}). */
    public String userId() {
        return userId;
    }

    /** ASCII-armored encoding, importable with {@code gpg --import}. */
    public String armored() {
        return Armor.armor(out -> out.write(encoded), List.of());
    }

    PGPPublicKeyRing ring() {
        return ring;
    }

    /** Keys whose signatures count as this certificate's, newest first. */
    List<PGPPublicKey> signingKeys() {
        return signingKeys;
    }

    /** Keys that may decrypt messages to this certificate, newest first. */
    List<PGPPublicKey> encryptionKeys() {
        return encryptionKeys;
    }

    /** The key new messages are encrypted to: the newest valid encryption (sub)key. */
    PGPPublicKey encryptionKey() throws OpenPgpException {
        if (encryptionKeys.isEmpty()) {
            throw new OpenPgpException(UNUSABLE_KEY, "Cannot use key " + fingerprint
                    + " as a recipient: it has no valid encryption subkey");
        }
        return encryptionKeys.getFirst();
    }

    /** The signing key with this key id, or null. */
    PGPPublicKey signingKey(long keyId) {
        for (PGPPublicKey key : signingKeys) {
            if (key.getKeyID() == keyId) {
                return key;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PgpPublicKey that && Arrays.equals(encoded, that.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "PgpPublicKey[" + fingerprint + " " + userId + "]";
    }
}
