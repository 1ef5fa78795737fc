package io.configvault.shared.crypto;

import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;

/** The algorithms we write and the ones we accept, with names for error messages. */
final class Profile {

    /** Symmetric cipher of every message we write and of secret-key protection. */
    static final int CIPHER = SymmetricKeyAlgorithmTags.AES_256;
    /** Hash of every signature we make (what GnuPG uses with Ed25519). */
    static final int HASH = HashAlgorithmTags.SHA512;
    /**
     * Encoded S2K iteration count for secret-key protection: 0xF0 = 33,554,432 bytes hashed,
     * tens of milliseconds per unlock, in line with what GnuPG 2.2's agent calibrates to.
     */
    static final int S2K_COUNT = 0xF0;
    /** Stream buffer; also the partial-packet size we write (a power of two). */
    static final int BUFFER_BYTES = 1 << 16;
    /** Recipients one message may be encrypted to (vault storage key plus escrow keys). */
    static final int MAX_RECIPIENTS = 16;

    static final Set<Integer> ACCEPTED_CIPHERS = Set.of(
            SymmetricKeyAlgorithmTags.AES_128,
            SymmetricKeyAlgorithmTags.AES_192,
            SymmetricKeyAlgorithmTags.AES_256);

    static final Set<Integer> ACCEPTED_HASHES = Set.of(
            HashAlgorithmTags.SHA256,
            HashAlgorithmTags.SHA384,
            HashAlgorithmTags.SHA512);

    /** Public-key algorithms a key may use; RSA additionally needs 2048 bits or more. */
    static final Set<Integer> ACCEPTED_KEY_ALGORITHMS = Set.of(
            PublicKeyAlgorithmTags.RSA_GENERAL,
            PublicKeyAlgorithmTags.RSA_ENCRYPT,
            PublicKeyAlgorithmTags.RSA_SIGN,
            PublicKeyAlgorithmTags.ECDH,
            PublicKeyAlgorithmTags.ECDSA,
            PublicKeyAlgorithmTags.EDDSA_LEGACY,
            PublicKeyAlgorithmTags.X25519,
            PublicKeyAlgorithmTags.X448,
            PublicKeyAlgorithmTags.Ed25519,
            PublicKeyAlgorithmTags.Ed448);

    static final int MIN_RSA_BITS = 2048;

    private Profile() {
    }

    static String cipherName(int algorithm) {
        return switch (algorithm) {
            case SymmetricKeyAlgorithmTags.NULL -> "plaintext (no cipher)";
            case SymmetricKeyAlgorithmTags.IDEA -> "IDEA";
            case SymmetricKeyAlgorithmTags.TRIPLE_DES -> "TripleDES";
            case SymmetricKeyAlgorithmTags.CAST5 -> "CAST5";
            case SymmetricKeyAlgorithmTags.BLOWFISH -> "Blowfish";
            case SymmetricKeyAlgorithmTags.AES_128 -> "AES-128";
            case SymmetricKeyAlgorithmTags.AES_192 -> "AES-192";
            case SymmetricKeyAlgorithmTags.AES_256 -> "AES-256";
            case SymmetricKeyAlgorithmTags.TWOFISH -> "Twofish";
            case SymmetricKeyAlgorithmTags.CAMELLIA_128 -> "Camellia-128";
            case SymmetricKeyAlgorithmTags.CAMELLIA_192 -> "Camellia-192";
            case SymmetricKeyAlgorithmTags.CAMELLIA_256 -> "Camellia-256";
            default -> "symmetric algorithm " + algorithm;
        };
    }

    static String hashName(int algorithm) {
        return switch (algorithm) {
            case HashAlgorithmTags.MD5 -> "MD5";
            case HashAlgorithmTags.SHA1 -> "SHA-1";
            case HashAlgorithmTags.RIPEMD160 -> "RIPEMD-160";
            case HashAlgorithmTags.SHA224 -> "SHA-224";
            case HashAlgorithmTags.SHA256 -> "SHA-256";
            case HashAlgorithmTags.SHA384 -> "SHA-384";
            case HashAlgorithmTags.SHA512 -> "SHA-512";
            default -> "hash algorithm " + algorithm;
        };
    }

    static String keyAlgorithmName(int algorithm) {
        return switch (algorithm) {
            case PublicKeyAlgorithmTags.RSA_GENERAL, PublicKeyAlgorithmTags.RSA_ENCRYPT,
                 PublicKeyAlgorithmTags.RSA_SIGN -> "RSA";
            case PublicKeyAlgorithmTags.ELGAMAL_ENCRYPT,
                 PublicKeyAlgorithmTags.ELGAMAL_GENERAL -> "ElGamal";
            case PublicKeyAlgorithmTags.DSA -> "DSA";
            case PublicKeyAlgorithmTags.ECDH -> "ECDH";
            case PublicKeyAlgorithmTags.ECDSA -> "ECDSA";
            case PublicKeyAlgorithmTags.EDDSA_LEGACY -> "EdDSA";
            case PublicKeyAlgorithmTags.X25519 -> "X25519";
            case PublicKeyAlgorithmTags.X448 -> "X448";
            case PublicKeyAlgorithmTags.Ed25519 -> "Ed25519";
            case PublicKeyAlgorithmTags.Ed448 -> "Ed448";
            default -> "public-key algorithm " + algorithm;
        };
    }
}
