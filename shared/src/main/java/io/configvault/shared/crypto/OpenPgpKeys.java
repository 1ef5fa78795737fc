package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPObjectFactory;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.PBESecretKeyEncryptor;
import org.bouncycastle.openpgp.operator.PGPKeyPairGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPairGeneratorProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyEncryptorBuilder;

/**
 * Generates OpenPGP keys in the package's profile and reads public and secret keys.
 *
 * <p>All methods are stateless and thread-safe. Reading fails with {@link OpenPgpException}:
 * {@code MALFORMED} for input that is not exactly one key of the expected kind,
 * {@code UNUSABLE_KEY} when the key's self-signatures do not hold or its algorithms are outside
 * the profile, {@code WRONG_PASSPHRASE} when a secret key does not unlock,
 * {@code UNPROTECTED_KEY} when a secret key is stored without passphrase protection.
 */
public final class OpenPgpKeys {

    /** Keys are small; anything bigger is not a key we would use. */
    private static final int MAX_KEY_BYTES = 1 << 20;

    /**
     * A freshly generated key pair.
     *
     * @param armoredPublicKey the certificate, to hand out (importable with {@code gpg --import})
     * @param armoredSecretKey the secret key ring, encrypted under the passphrase
     * @param fingerprint      primary key fingerprint, 40 upper-case hex digits
     */
    public record GeneratedKey(String armoredPublicKey, String armoredSecretKey,
                               String fingerprint) {

        public GeneratedKey {
            Objects.requireNonNull(armoredPublicKey, "armoredPublicKey");
            Objects.requireNonNull(armoredSecretKey, "armoredSecretKey");
            Objects.requireNonNull(fingerprint, "fingerprint");
        }

        /** Leaves the (passphrase-protected) secret key out, so that it does not end up in logs. */
        @Override
        public String toString() {
            return "GeneratedKey[" + fingerprint + "]";
        }
    }

    private OpenPgpKeys() {
    }

    /**
     * Generates a v4 key: an Ed25519 primary key (certify, sign) and a Curve25519 ECDH subkey
     * (encrypt), self-signed with SHA-512, advertising AES-256/192/128, SHA-512/384/256, no
     * compression and MDC; the secret keys are protected with AES-256 under an iterated and
     * salted SHA-256 S2K of the passphrase.
     *
     * @param userId     e.g. {@code "nas-17 <nas-17@fleet.example>"}
     * @param passphrase not empty; not kept, the caller may wipe it afterwards
     */
    public static GeneratedKey generate(String userId, char[] passphrase) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(passphrase, "passphrase");
        if (userId.isBlank()) {
            throw new IllegalArgumentException("Cannot generate key: the user id is blank");
        }
        if (passphrase.length == 0) {
            throw new IllegalArgumentException("Cannot generate key for '" + userId
                    + "': the passphrase is empty; secret keys rest encrypted");
        }
        try {
            // Whole seconds: that is all a v4 key packet stores.
            Date now = new Date(System.currentTimeMillis() / 1000 * 1000);
            PGPKeyPairGenerator pairs = new JcaPGPKeyPairGeneratorProvider()
                    .setProvider(Jca.BOUNCY_CASTLE)
                    .setSecureRandom(Jca.random())
                    .get(PublicKeyPacket.VERSION_4, now);
            PGPKeyPair primary = pairs.generateLegacyEd25519KeyPair();
            PGPKeyPair subkey = pairs.generateLegacyX25519KeyPair();

            PGPSignatureSubpacketGenerator primaryPackets = new PGPSignatureSubpacketGenerator();
            primaryPackets.setIssuerFingerprint(false, primary.getPublicKey());
            primaryPackets.setKeyFlags(false, KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
            primaryPackets.setPrimaryUserID(false, true);
            primaryPackets.setPreferredSymmetricAlgorithms(false, new int[] {
                SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192,
                SymmetricKeyAlgorithmTags.AES_128});
            primaryPackets.setPreferredHashAlgorithms(false, new int[] {
                HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA384, HashAlgorithmTags.SHA256});
            // Only "uncompressed": GnuPG then writes uncompressed messages to this key, which
            // is what our reader accepts.
            primaryPackets.setPreferredCompressionAlgorithms(false, new int[] {
                CompressionAlgorithmTags.UNCOMPRESSED});
            primaryPackets.setFeature(false, Features.FEATURE_MODIFICATION_DETECTION);

            PGPSignatureSubpacketGenerator subkeyPackets = new PGPSignatureSubpacketGenerator();
            subkeyPackets.setIssuerFingerprint(false, primary.getPublicKey());
            subkeyPackets.setKeyFlags(false, KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);

            PBESecretKeyEncryptor protection = new JcePBESecretKeyEncryptorBuilder(
                    Profile.CIPHER, Jca.digest(HashAlgorithmTags.SHA256), Profile.S2K_COUNT)
                    .setProvider(Jca.BOUNCY_CASTLE)
                    .setSecureRandom(Jca.random())
                    .build(passphrase);
            PGPKeyRingGenerator rings = new PGPKeyRingGenerator(
                    PGPSignature.POSITIVE_CERTIFICATION, primary, userId,
                    Jca.digest(HashAlgorithmTags.SHA1), // v4 secret-key checksum (S2K usage 254)
                    primaryPackets.generate(), null,
                    new JcaPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(),
                            Profile.HASH).setProvider(Jca.BOUNCY_CASTLE),
                    protection);
            rings.addSubKey(subkey, subkeyPackets.generate(), null);

            PGPPublicKeyRing publicRing = rings.generatePublicKeyRing();
            PGPSecretKeyRing secretRing = rings.generateSecretKeyRing();
            return new GeneratedKey(
                    Armor.armor(publicRing::encode, List.of()),
                    Armor.armor(secretRing::encode, List.of()),
                    Fingerprints.of(publicRing.getPublicKey()));
        } catch (PGPException e) {
            throw new IllegalStateException("Cannot generate key for '" + userId + "'", e);
        }
    }

    /** Reads one armored certificate (as {@code gpg --export --armor} writes it). */
    public static PgpPublicKey readPublicKey(String armored) throws OpenPgpException {
        Objects.requireNonNull(armored, "armored");
        return PgpPublicKey.of(single(armored, PGPPublicKeyRing.class, "public key"));
    }

    /**
     * Reads one certificate, armored or binary. The stream is read to its end (at most 1 MiB)
     * and not closed.
     *
     * @throws IOException when reading the stream fails
     */
    public static PgpPublicKey readPublicKey(InputStream in) throws OpenPgpException, IOException {
        Objects.requireNonNull(in, "in");
        byte[] bytes = in.readNBytes(MAX_KEY_BYTES + 1);
        if (bytes.length > MAX_KEY_BYTES) {
            throw new OpenPgpException(MALFORMED,
                    "Cannot read public key: it is larger than " + MAX_KEY_BYTES + " bytes");
        }
        try (InputStream decoded = PGPUtil.getDecoderStream(new ByteArrayInputStream(bytes))) {
            return PgpPublicKey.of(single(decoded, PGPPublicKeyRing.class, "public key"));
        } catch (IOException e) {
            throw new OpenPgpException(MALFORMED, "Cannot read public key: not an OpenPGP key", e);
        }
    }

    /**
     * Reads one armored secret key (ours, or {@code gpg --export-secret-keys --armor}) and
     * unlocks its signing and decryption keys with the passphrase. A key stored without
     * passphrase protection is refused with {@code UNPROTECTED_KEY}.
     *
     * @param passphrase not kept; the caller may wipe it afterwards
     */
    public static PgpSecretKey readSecretKey(String armored, char[] passphrase)
            throws OpenPgpException {
        Objects.requireNonNull(armored, "armored");
        Objects.requireNonNull(passphrase, "passphrase");
        return PgpSecretKey.unlock(single(armored, PGPSecretKeyRing.class, "secret key"),
                passphrase);
    }

    private static <T> T single(String armored, Class<T> type, String what)
            throws OpenPgpException {
        // The armor decoder stops after the first block; a second one must not go unnoticed.
        if (armored.indexOf("-----BEGIN PGP", armored.indexOf("-----BEGIN PGP") + 1) >= 0) {
            throw new OpenPgpException(MALFORMED,
                    "Cannot read " + what + ": the input holds more than one armored block");
        }
        try (InputStream decoded = Armor.dearmor(armored)) {
            return single(decoded, type, what);
        } catch (IOException e) {
            throw new OpenPgpException(MALFORMED,
                    "Cannot read " + what + ": not an ASCII-armored OpenPGP key", e);
        }
    }

    private static <T> T single(InputStream decoded, Class<T> type, String what)
            throws OpenPgpException, IOException {
        PGPObjectFactory objects = new PGPObjectFactory(decoded, Jca.fingerprints());
        Object first = objects.nextObject();
        if (!type.isInstance(first)) {
            String found = first instanceof PGPSecretKeyRing ? "a secret key"
                    : first instanceof PGPPublicKeyRing ? "a public key"
                    : first == null ? "nothing" : "another kind of OpenPGP data";
            throw new OpenPgpException(MALFORMED,
                    "Cannot read " + what + ": expected a " + what + ", found " + found);
        }
        if (objects.nextObject() != null) {
            throw new OpenPgpException(MALFORMED,
                    "Cannot read " + what + ": the input holds more than one key");
        }
        return type.cast(first);
    }
}
