package io.configvault.shared.crypto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPCompressedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBEKeyEncryptionMethodGenerator;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePublicKeyKeyEncryptionMethodGenerator;

/**
 * Builds messages our encryptor would never write, straight with Bouncy Castle: what an
 * attacker or an old tool could send. Defaults give a valid message; each setter breaks one
 * thing.
 */
final class ForgedMessages {

    private int cipher = SymmetricKeyAlgorithmTags.AES_256;
    private boolean integrityPacket = true;
    private boolean compressed;
    private boolean signed = true;
    private int hash = HashAlgorithmTags.SHA512;
    private final List<PGPPublicKey> recipients = new ArrayList<>();
    private PgpSecretKey signer;
    private char[] password;
    private long claimedSignatureBytes = -1;

    static ForgedMessages to(TestKeys.Key recipient) {
        return new ForgedMessages().recipient(recipient, 1);
    }

    ForgedMessages recipient(TestKeys.Key recipient, int copies) {
        try {
            for (int i = 0; i < copies; i++) {
                recipients.add(recipient.publicKey().encryptionKey());
            }
        } catch (OpenPgpException e) {
            throw new AssertionError(e);
        }
        return this;
    }

    ForgedMessages signedBy(TestKeys.Key key) {
        this.signer = key.secretKey();
        return this;
    }

    ForgedMessages cipher(int algorithm) {
        this.cipher = algorithm;
        return this;
    }

    ForgedMessages withoutIntegrityPacket() {
        this.integrityPacket = false;
        return this;
    }

    ForgedMessages compressed() {
        this.compressed = true;
        return this;
    }

    ForgedMessages unsigned() {
        this.signed = false;
        return this;
    }

    ForgedMessages hash(int algorithm) {
        this.hash = algorithm;
        return this;
    }

    /**
     * Replaces the signature packet after the literal data by a header claiming {@code bytes}
     * of body, followed by only a few bytes.
     */
    ForgedMessages signaturePacketClaiming(long bytes) {
        this.claimedSignatureBytes = bytes;
        return this;
    }

    ForgedMessages alsoPassword(String password) {
        this.password = password.toCharArray();
        return this;
    }

    byte[] build(byte[] plaintext) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PGPEncryptedDataGenerator envelope = new PGPEncryptedDataGenerator(
                    new JcePGPDataEncryptorBuilder(cipher)
                            .setWithIntegrityPacket(integrityPacket)
                            .setSecureRandom(new SecureRandom())
                            .setProvider(Jca.BOUNCY_CASTLE));
            for (PGPPublicKey recipient : recipients) {
                envelope.addMethod(new JcePublicKeyKeyEncryptionMethodGenerator(recipient)
                        .setProvider(Jca.BOUNCY_CASTLE));
            }
            if (password != null) {
                envelope.addMethod(new JcePBEKeyEncryptionMethodGenerator(password)
                        .setProvider(Jca.BOUNCY_CASTLE));
            }
            OutputStream encrypted = envelope.open(out, new byte[4096]);
            OutputStream inner = encrypted;
            PGPCompressedDataGenerator compressor = null;
            if (compressed) {
                compressor = new PGPCompressedDataGenerator(CompressionAlgorithmTags.ZIP);
                inner = compressor.open(encrypted);
            }
            PGPSignatureGenerator signature = null;
            if (signed) {
                PgpSecretKey.Unlocked key =
                        (signer == null ? TestKeys.appliance().secretKey() : signer).signingKey();
                signature = new PGPSignatureGenerator(
                        new JcaPGPContentSignerBuilder(key.publicKey().getAlgorithm(), hash)
                                .setProvider(Jca.BOUNCY_CASTLE), key.publicKey());
                signature.init(PGPSignature.BINARY_DOCUMENT, key.privateKey());
                signature.generateOnePassVersion(false).encode(inner);
            }
            OutputStream literal = new PGPLiteralDataGenerator().open(inner, PGPLiteralData.BINARY,
                    "forged", plaintext.length, new Date());
            literal.write(plaintext);
            literal.close();
            if (claimedSignatureBytes >= 0) {
                // New-format signature packet (tag 2) with a five-octet length.
                inner.write(new byte[] {(byte) 0xC2, (byte) 0xFF,
                    (byte) (claimedSignatureBytes >>> 24), (byte) (claimedSignatureBytes >>> 16),
                    (byte) (claimedSignatureBytes >>> 8), (byte) claimedSignatureBytes,
                    4, 0, 22, 10});
            } else if (signature != null) {
                signature.update(plaintext);
                signature.generate().encode(inner);
            }
            if (compressor != null) {
                compressor.close();
            }
            encrypted.close();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (PGPException | OpenPgpException e) {
            throw new AssertionError(e);
        }
    }
}
