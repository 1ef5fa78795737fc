package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.UNPROTECTED_KEY;
import static io.configvault.shared.crypto.OpenPgpException.Reason.UNUSABLE_KEY;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WRONG_PASSPHRASE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.operator.PBESecretKeyDecryptor;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/**
 * An unlocked secret key: the private signing key and the private decryption key(s) of one
 * OpenPGP key, in memory, with its checked {@link #publicKey() public part}. Obtained from
 * {@link OpenPgpKeys#readSecretKey(String, char[])}; the passphrase is not kept.
 *
 * <p>Immutable and thread-safe. {@link #toString()} names the key only by fingerprint and user
 * id; no method returns private key material.
 */
public final class PgpSecretKey {

    /** A private key with the public key it belongs to. */
    record Unlocked(PGPPublicKey publicKey, PGPPrivateKey privateKey) {
        @Override
        public String toString() {
            return "Unlocked[" + Fingerprints.of(publicKey) + "]";
        }
    }

    private final PgpPublicKey publicKey;
    private final Unlocked signing;
    private final Map<Long, Unlocked> decryption;

    private PgpSecretKey(PgpPublicKey publicKey, Unlocked signing, Map<Long, Unlocked> decryption) {
        this.publicKey = publicKey;
        this.signing = signing;
        this.decryption = decryption;
    }

    /**
     * Unlocks the ring's valid signing and encryption keys. Stub keys (GnuPG "offline" or
     * smart-card keys) are skipped; at least one key must be unlockable. A key whose secret
     * material is stored without passphrase protection is refused ({@code UNPROTECTED_KEY}):
     * Bouncy Castle would "unlock" it with any passphrase, and a key file that can be read is
     * then a key that can be used.
     */
    static PgpSecretKey unlock(PGPSecretKeyRing ring, char[] passphrase) throws OpenPgpException {
        PgpPublicKey publicKey = PgpPublicKey.of(ring.toCertificate());
        PBESecretKeyDecryptor decryptor;
        try {
            decryptor = new JcePBESecretKeyDecryptorBuilder(Jca.digests())
                    .setProvider(Jca.BOUNCY_CASTLE)
                    .build(passphrase);
        } catch (PGPException e) {
            throw new IllegalStateException("Cannot create a secret key decryptor", e);
        }
        Unlocked signing = null;
        for (PGPPublicKey key : publicKey.signingKeys()) {
            signing = unlock(ring, key, decryptor, publicKey.fingerprint());
            if (signing != null) {
                break;
            }
        }
        Map<Long, Unlocked> decryption = new LinkedHashMap<>();
        for (PGPPublicKey key : publicKey.encryptionKeys()) {
            Unlocked unlocked = unlock(ring, key, decryptor, publicKey.fingerprint());
            if (unlocked != null) {
                decryption.put(key.getKeyID(), unlocked);
            }
        }
        if (signing == null && decryption.isEmpty()) {
            throw new OpenPgpException(UNUSABLE_KEY, "Cannot use secret key "
                    + publicKey.fingerprint() + ": it holds no usable private signing or"
                    + " encryption key");
        }
        return new PgpSecretKey(publicKey, signing, Map.copyOf(decryption));
    }

    private static Unlocked unlock(PGPSecretKeyRing ring, PGPPublicKey key,
                                   PBESecretKeyDecryptor decryptor, String fingerprint)
            throws OpenPgpException {
        org.bouncycastle.openpgp.PGPSecretKey secret = ring.getSecretKey(key.getKeyID());
        if (secret == null || secret.isPrivateKeyEmpty()) {
            return null;
        }
        if (secret.getS2KUsage() == SecretKeyPacket.USAGE_NONE
                || secret.getKeyEncryptionAlgorithm() == SymmetricKeyAlgorithmTags.NULL) {
            throw new OpenPgpException(UNPROTECTED_KEY, "Cannot use secret key " + fingerprint
                    + ": it is not protected by a passphrase; secret keys must rest encrypted");
        }
        try {
            PGPPrivateKey privateKey = secret.extractPrivateKey(decryptor);
            return privateKey == null ? null : new Unlocked(key, privateKey);
        } catch (PGPException | RuntimeException e) {
            // Bouncy Castle reports a wrong passphrase as a checksum mismatch of the decrypted
            // key material; the cause is not attached, its message would say nothing more.
            throw new OpenPgpException(WRONG_PASSPHRASE,
                    "Cannot unlock secret key " + fingerprint + ": wrong passphrase");
        }
    }

    /** Fingerprint of the primary key, 40 upper-case hex digits. */
    public String fingerprint() {
        return publicKey.fingerprint();
    }

    /** The public part, checked like any key read with {@link OpenPgpKeys#readPublicKey}. */
    public PgpPublicKey publicKey() {
        return publicKey;
    }

    /** The private key to sign with. */
    Unlocked signingKey() throws OpenPgpException {
        if (signing == null) {
            throw new OpenPgpException(UNUSABLE_KEY, "Cannot sign with key " + fingerprint()
                    + ": its private signing key is not available");
        }
        return signing;
    }

    /** The private decryption key with this key id, or null. */
    Unlocked decryptionKey(long keyId) {
        return decryption.get(keyId);
    }

    /** All private decryption keys, for session key packets that hide their recipient. */
    List<Unlocked> decryptionKeys() {
        return new ArrayList<>(decryption.values());
    }

    @Override
    public String toString() {
        return "PgpSecretKey[" + fingerprint() + " " + publicKey.userId() + "]";
    }
}
