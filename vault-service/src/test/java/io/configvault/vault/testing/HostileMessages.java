package io.configvault.vault.testing;

import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Date;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * OpenPGP messages that our encryptor never writes, built straight with Bouncy Castle (test
 * code only; the vault's main code never touches it): what an attacker with bucket or topic
 * access, or an old tool, could hand the vault (QUALITY.md scenario 27). Each carries a real
 * plaintext to a real recipient, with exactly one flaw.
 */
public final class HostileMessages {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final char[] PASSPHRASE = "test-passphrase".toCharArray();

    /** One flaw each, with a part of the refusal message the vault must give. */
    public enum Flaw {
        NO_MDC("encrypted without integrity protection (no MDC)"),
        CAST5("it is encrypted with CAST5"),
        TRIPLE_DES("it is encrypted with TripleDES"),
        IDEA("it is encrypted with IDEA"),
        SEVENTEEN_RECIPIENTS("more than 16 recipients"),
        UNSIGNED("it is not signed"),
        WRONG_SIGNER("not by the required signer"),
        SHA1_SIGNATURE("its signature uses SHA-1"),
        COMPRESSED("it contains compressed data"),
        OVERSIZED_SIGNATURE_PACKET("more than the limit of 262144 bytes");

        private final String refusal;

        Flaw(String refusal) {
            this.refusal = refusal;
        }

        /** Part of the message the decryptor refuses this flaw with. */
        public String refusal() {
            return refusal;
        }
    }

    private HostileMessages() {
    }

    /**
     * {@code plaintext} encrypted to {@code recipient} and signed by {@code signer} (or, for
     * {@link Flaw#WRONG_SIGNER}, by {@code outsider}), with {@code flaw}.
     */
    public static byte[] build(byte[] plaintext, Flaw flaw, PgpPublicKey recipient, Keys signer,
                               Keys outsider) {
        try {
            int cipher = switch (flaw) {
                case CAST5 -> SymmetricKeyAlgorithmTags.CAST5;
                case TRIPLE_DES -> SymmetricKeyAlgorithmTags.TRIPLE_DES;
                case IDEA -> SymmetricKeyAlgorithmTags.IDEA;
                default -> SymmetricKeyAlgorithmTags.AES_256;
            };
            PGPEncryptedDataGenerator envelope = new PGPEncryptedDataGenerator(
                    new JcePGPDataEncryptorBuilder(cipher)
                            .setWithIntegrityPacket(flaw != Flaw.NO_MDC)
                            .setSecureRandom(new SecureRandom())
                            .setProvider(BC));
            PGPPublicKey encryptionKey = encryptionKey(recipient);
            for (int i = flaw == Flaw.SEVENTEEN_RECIPIENTS ? 17 : 1; i > 0; i--) {
                envelope.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(encryptionKey)
                        .setProvider(BC));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            OutputStream encrypted = envelope.open(out, new byte[4096]);
            PGPCompressedDataGenerator compressor = null;
            OutputStream inner = encrypted;
            if (flaw == Flaw.COMPRESSED) {
                compressor = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
                inner = compressor.open(encrypted);
            }
            PGPSignatureGenerator signature = flaw == Flaw.UNSIGNED ? null
                    : signature(flaw == Flaw.WRONG_SIGNER ? outsider : signer,
                            flaw == Flaw.SHA1_SIGNATURE ? HashAlgorithmTags.SHA1
                                    : HashAlgorithmTags.SHA512);
            if (signature != null) {
                signature.generateOnePassVersion(false).encode(inner);
            }
            OutputStream literal = new PGPLiteralDataGenerator().open(inner, PGPLiteralData.BINARY,
                    "hostile.tar", plaintext.length, new Date());
            literal.write(plaintext);
            literal.close();
            if (flaw == Flaw.OVERSIZED_SIGNATURE_PACKET) {
                // A signature packet (tag 2, five-octet length) claiming 1 GiB; a few bytes follow.
                inner.write(new byte[] {(byte) 0xC2, (byte) 0xFF, 0x40, 0, 0, 0, 4, 0, 22, 10});
            } else if (signature != null) {
                signature.update(plaintext);
                signature.generate().encode(inner);
            }
            if (compressor != null) {
                compressor.close();
            }
            encrypted.close();
            return out.toByteArray();
        } catch (IOException | PGPException e) {
            throw new IllegalStateException("Cannot build hostile message " + flaw, e);
        }
    }

    private static PGPPublicKey encryptionKey(PgpPublicKey certificate)
            throws IOException, PGPException {
        PGPPublicKeyRing ring = new PGPPublicKeyRing(decoded(certificate.armored()),
                new JcaKeyFingerprintCalculator());
        for (PGPPublicKey key : ring) {
            if (!key.isMasterKey() && key.isEncryptionKey()) {
                return key;
            }
        }
        throw new PGPException("no encryption subkey in " + certificate.fingerprint());
    }

    private static PGPSignatureGenerator signature(Keys signer, int hash)
            throws IOException, PGPException {
        PGPSecretKeyRing ring = new PGPSecretKeyRing(
                decoded(signer.generated().armoredSecretKey()), new JcaKeyFingerprintCalculator());
        PGPSecretKey primary = ring.getSecretKey();
        PGPPrivateKey key = primary.extractPrivateKey(new JcePBESecretKeyDecryptorBuilder(
                new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build())
                .setProvider(BC).build(PASSPHRASE));
        PGPSignatureGenerator generator = new PGPSignatureGenerator(
                new JcaPGPContentSignerBuilder(primary.getPublicKey().getAlgorithm(), hash)
                        .setProvider(BC), primary.getPublicKey());
        generator.init(PGPSignature.BINARY_DOCUMENT, key);
        return generator;
    }

    private static InputStream decoded(String armored) throws IOException {
        return PGPUtil.getDecoderStream(new ByteArrayInputStream(
                armored.getBytes(StandardCharsets.US_ASCII)));
    }
}
