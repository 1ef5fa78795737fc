package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.UNUSABLE_KEY;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;

/**
 * Checks the self-signatures of a public key ring and works out which of its keys may sign and
 * which may encrypt. Only what the key's owner signed counts: user ids and subkeys without a
 * valid self-signature (made with SHA-256/384/512) are ignored, revoked keys are dropped, and a
 * signing subkey needs its embedded back-signature. Key expiry is not evaluated: enrolment (for
 * appliance keys) and configuration (for vault and escrow keys) decide which keys are trusted.
 */
final class SelfSignatures {

    private static final int ENCRYPTION_FLAGS = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    /** The checked facts about one key ring. */
    record Checked(String userId, List<PGPPublicKey> signingKeys,
                   List<PGPPublicKey> encryptionKeys) {
    }

    private SelfSignatures() {
    }

    static Checked check(PGPPublicKeyRing ring) throws OpenPgpException {
        PGPPublicKey primary = ring.getPublicKey();
        String fingerprint = Fingerprints.of(primary);
        if (primary.getVersion() != 4) {
            throw unusable(fingerprint, "it is a version " + primary.getVersion()
                    + " key; only version 4 keys are supported");
        }
        String weakness = weakness(primary);
        if (weakness != null) {
            throw unusable(fingerprint, weakness);
        }
        if (revoked(primary, primary, PGPSignature.KEY_REVOCATION)) {
            throw unusable(fingerprint, "it is revoked");
        }

        String userId = null;
        PGPSignature userIdSignature = null;
        for (Iterator<String> ids = primary.getUserIDs(); ids.hasNext(); ) {
            String id = ids.next();
            PGPSignature signature = latestValid(primary, primary.getSignaturesForID(id),
                    (sig) -> PGPSignature.isCertification(sig.getSignatureType())
                            && sig.verifyCertification(id, primary));
            if (signature != null && (userIdSignature == null
                    || signature.getHashedSubPackets().isPrimaryUserID()
                    && !userIdSignature.getHashedSubPackets().isPrimaryUserID())) {
                userId = id;
                userIdSignature = signature;
            }
        }
        if (userIdSignature == null) {
            throw unusable(fingerprint, "it has no user id with a valid self-signature"
                    + " (SHA-256, SHA-384 or SHA-512)");
        }

        List<PGPPublicKey> signing = new ArrayList<>();
        List<PGPPublicKey> encryption = new ArrayList<>();
        int primaryFlags = flags(userIdSignature, primary);
        if (canSign(primary) && (primaryFlags & KeyFlags.SIGN_DATA) != 0) {
            signing.add(primary);
        }
        if (canEncrypt(primary) && (primaryFlags & ENCRYPTION_FLAGS) != 0) {
            encryption.add(primary);
        }
        for (Iterator<PGPPublicKey> keys = ring.getPublicKeys(); keys.hasNext(); ) {
            PGPPublicKey subkey = keys.next();
            if (subkey.isMasterKey() || subkey.getVersion() != 4 || weakness(subkey) != null
                    || revoked(primary, subkey, PGPSignature.SUBKEY_REVOCATION)) {
                continue;
            }
            PGPSignature binding = latestValid(primary,
                    subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING),
                    (sig) -> sig.verifyCertification(primary, subkey));
            if (binding == null) {
                continue;
            }
            int flags = flags(binding, subkey);
            if (canEncrypt(subkey) && (flags & ENCRYPTION_FLAGS) != 0) {
                encryption.add(subkey);
            }
            if (canSign(subkey) && (flags & KeyFlags.SIGN_DATA) != 0
                    && backSigned(binding, primary, subkey)) {
                signing.add(subkey);
            }
        }
        // Newest first: a new encryption subkey takes over, older ones stay for reading.
        Comparator<PGPPublicKey> newestFirst =
                Comparator.comparing(PGPPublicKey::getCreationTime).reversed();
        encryption.sort(newestFirst);
        signing.sort(newestFirst);
        return new Checked(userId, List.copyOf(signing), List.copyOf(encryption));
    }

    /** Why the key's algorithm is outside the profile, or null. */
    static String weakness(PGPPublicKey key) {
        int algorithm = key.getAlgorithm();
        if (!Profile.ACCEPTED_KEY_ALGORITHMS.contains(algorithm)) {
            return "its algorithm " + Profile.keyAlgorithmName(algorithm) + " is not accepted";
        }
        if (isRsa(algorithm) && key.getBitStrength() < Profile.MIN_RSA_BITS) {
            return "its RSA key has " + key.getBitStrength() + " bits, fewer than "
                    + Profile.MIN_RSA_BITS;
        }
        return null;
    }

    private static boolean isRsa(int algorithm) {
        return algorithm == PublicKeyAlgorithmTags.RSA_GENERAL
                || algorithm == PublicKeyAlgorithmTags.RSA_ENCRYPT
                || algorithm == PublicKeyAlgorithmTags.RSA_SIGN;
    }

    private static boolean canSign(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_SIGN,
                 PublicKeyAlgorithmTags.ECDSA, PublicKeyAlgorithmTags.EDDSA_LEGACY,
                 PublicKeyAlgorithmTags.Ed25519, PublicKeyAlgorithmTags.Ed448 -> true;
            default -> false;
        };
    }

    private static boolean canEncrypt(PGPPublicKey key) {
        return switch (key.getAlgorithm()) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT,
                 PublicKeyAlgorithmTags.ECDH, PublicKeyAlgorithmTags.X25519,
                 PublicKeyAlgorithmTags.X448 -> true;
            default -> false;
        };
    }

    /** The key flags of a self-signature; without the subpacket, what the algorithm can do. */
    private static int flags(PGPSignature selfSignature, PGPPublicKey key) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        if (hashed != null && hashed.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS)) {
            return hashed.getKeyFlags();
        }
        return (canSign(key) ? KeyFlags.SIGN_DATA : 0) | (canEncrypt(key) ? ENCRYPTION_FLAGS : 0);
    }

    private static boolean revoked(PGPPublicKey primary, PGPPublicKey key, int revocationType) {
        return latestValid(primary, key.getSignaturesOfType(revocationType),
                (sig) -> revocationType == PGPSignature.KEY_REVOCATION
                        ? sig.verifyCertification(key)
                        : sig.verifyCertification(primary, key)) != null;
    }

    /** A signing subkey must also sign the primary key, so nobody can claim someone else's. */
    private static boolean backSigned(PGPSignature binding, PGPPublicKey primary,
                                      PGPPublicKey subkey) {
        for (PGPSignatureSubpacketVector area : List.of(binding.getHashedSubPackets(),
                binding.getUnhashedSubPackets())) {
            try {
                for (PGPSignature embedded : area.getEmbeddedSignatures()) {
                    if (embedded.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING
                            && acceptable(embedded)) {
                        embedded.init(Jca.verifiers(), subkey);
                        if (embedded.verifyCertification(primary, subkey)) {
                            return true;
                        }
                    }
                }
            } catch (PGPException | RuntimeException e) {
                // An unparsable or unverifiable back-signature is no back-signature.
            }
        }
        return false;
    }

    private interface Check {
        boolean verify(PGPSignature signature) throws PGPException;
    }

    /** The newest signature, made by {@code signer}, that passes {@code check}; or null. */
    private static PGPSignature latestValid(PGPPublicKey signer, Iterator<PGPSignature> candidates,
                                            Check check) {
        PGPSignature latest = null;
        while (candidates.hasNext()) {
            PGPSignature signature = candidates.next();
            if (!acceptable(signature) || signature.getKeyID() != signer.getKeyID()) {
                continue;
            }
            try {
                signature.init(Jca.verifiers(), signer);
                if (check.verify(signature) && (latest == null
                        || signature.getCreationTime().after(latest.getCreationTime()))) {
                    latest = signature;
                }
            } catch (PGPException | RuntimeException e) {
                // A signature that cannot be verified does not count.
            }
        }
        return latest;
    }

    private static boolean acceptable(PGPSignature signature) {
        return signature.getVersion() == 4
                && Profile.ACCEPTED_HASHES.contains(signature.getHashAlgorithm());
    }

    private static OpenPgpException unusable(String fingerprint, String why) {
        return new OpenPgpException(UNUSABLE_KEY, "Cannot use key " + fingerprint + ": " + why);
    }
}
