package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.UNUSABLE_KEY;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * Signs and encrypts a stream into one binary OpenPGP message that {@link OpenPgpDecryptor} and
 * {@code gpg --decrypt} both read: public-key session key packets for every recipient, then a
 * SEIPD v1 (MDC) packet with AES-256 under a fresh random session key, holding a one-pass
 * signature, the uncompressed literal data and a SHA-512 signature by the signer.
 *
 * <p>Streaming: memory use is a few fixed 64 KiB buffers whatever the plaintext size; the
 * output is written as partial-length packets as the input is read.
 *
 * <p>Stateless and thread-safe; concurrent calls share nothing but the JVM's
 * {@link java.security.SecureRandom}.
 */
public final class OpenPgpEncryptor {

    /** The literal data packet stores the name in one length octet. */
    private static final int MAX_LITERAL_NAME_BYTES = 255;

    private OpenPgpEncryptor() {
    }

    /**
     * Reads {@code plaintext} to its end and writes the message to {@code ciphertext}. Neither
     * stream is closed; {@code ciphertext} is flushed. When this method throws, whatever it
     * wrote is an incomplete message and must be discarded.
     *
     * @param recipients  1 to 16 certificates; duplicates are encrypted to once
     * @param signer      whose signature the message carries
     * @param literalName name stored in the literal data packet (what {@code gpg} would
     *                    suggest as file name), at most 255 bytes of UTF-8, not secret
     * @throws OpenPgpException {@code UNUSABLE_KEY} when a recipient has no valid encryption
     *                          subkey or the signer no private signing key
     * @throws IOException      when reading {@code plaintext} or writing {@code ciphertext} fails
     */
    public static void encrypt(InputStream plaintext, OutputStream ciphertext,
                               List<PgpPublicKey> recipients, PgpSecretKey signer,
                               String literalName) throws OpenPgpException, IOException {
        Objects.requireNonNull(plaintext, "plaintext");
        Objects.requireNonNull(ciphertext, "ciphertext");
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(literalName, "literalName");
        List<PGPPublicKey> encryptionKeys = encryptionKeys(recipients);
        if (literalName.getBytes(StandardCharsets.UTF_8).length > MAX_LITERAL_NAME_BYTES) {
            throw new IllegalArgumentException("Cannot encrypt snapshot: literal name is longer"
                    + " than " + MAX_LITERAL_NAME_BYTES + " bytes");
        }
        PgpSecretKey.Unlocked signingKey = signer.signingKey();
        try {
            PGPEncryptedDataGenerator envelope = new PGPEncryptedDataGenerator(
                    JdkDigests.withJdkMdc(new JcePGPDataEncryptorBuilder(Profile.CIPHER)
                            .setWithIntegrityPacket(true)
                            .setSecureRandom(Jca.random())
                            .setProvider(Jca.SYMMETRIC_PROVIDER)));
            for (PGPPublicKey key : encryptionKeys) {
                envelope.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(key)
                        .setProvider(Jca.BOUNCY_CASTLE)
                        .setSecureRandom(Jca.random()));
            }
            PGPSignatureGenerator signature = signatureGenerator(signingKey);

            // Not try-with-resources: closing would complete the packets (MDC included) after
            // a failure; an incomplete message is safer, no reader accepts it.
            OutputStream encrypted = envelope.open(ciphertext, new byte[Profile.BUFFER_BYTES]);
            signature.generateOnePassVersion(false).encode(encrypted);
            OutputStream literal = new PGPLiteralDataGenerator().open(encrypted,
                    PGPLiteralData.BINARY, literalName, PGPLiteralData.NOW,
                    new byte[Profile.BUFFER_BYTES]);
            byte[] buffer = new byte[Profile.BUFFER_BYTES];
            for (int n; (n = plaintext.read(buffer)) != -1; ) {
                literal.write(buffer, 0, n);
                signature.update(buffer, 0, n);
            }
            literal.close();
            signature.generate().encode(encrypted);
            encrypted.close();
            ciphertext.flush();
        } catch (PGPException e) {
            throw new OpenPgpException(UNUSABLE_KEY, "Cannot encrypt snapshot: signing with key "
                    + signer.fingerprint() + " or encrypting to " + fingerprints(recipients)
                    + " failed", e);
        }
    }

    private static List<PGPPublicKey> encryptionKeys(List<PgpPublicKey> recipients)
            throws OpenPgpException {
        Objects.requireNonNull(recipients, "recipients");
        Map<String, PgpPublicKey> distinct = new LinkedHashMap<>();
        for (PgpPublicKey recipient : recipients) {
            Objects.requireNonNull(recipient, "recipient");
            distinct.putIfAbsent(recipient.fingerprint(), recipient);
        }
        if (distinct.isEmpty() || distinct.size() > Profile.MAX_RECIPIENTS) {
            throw new IllegalArgumentException("Cannot encrypt snapshot: " + distinct.size()
                    + " recipients given, 1 to " + Profile.MAX_RECIPIENTS + " allowed");
        }
        List<PGPPublicKey> keys = new ArrayList<>();
        for (PgpPublicKey recipient : distinct.values()) {
            keys.add(recipient.encryptionKey());
        }
        return keys;
    }

    /** A SHA-512 binary-document signature generator with issuer fingerprint and key id. */
    static PGPSignatureGenerator signatureGenerator(PgpSecretKey.Unlocked key)
            throws PGPException {
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(key.publicKey().getAlgorithm(), Profile.HASH)
                        .setProvider(Jca.BOUNCY_CASTLE)
                        // The JDK's SHA-512 (intrinsics) hashes the bulk data.
                        .setDigestProvider("SUN")
                        .setSecureRandom(Jca.random()),
                key.publicKey());
        generator.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
        PGPSignatureSubpacketGenerator hashed = new PGPSignatureSubpacketGenerator();
        hashed.setIssuerFingerprint(false, key.publicKey());
        hashed.setIssuerKeyID(false, key.publicKey().getKeyID());
        generator.setHashedSubpackets(hashed.generate());
        return generator;
    }

    private static List<String> fingerprints(List<PgpPublicKey> keys) {
        return keys.stream().map(PgpPublicKey::fingerprint).toList();
    }
}
