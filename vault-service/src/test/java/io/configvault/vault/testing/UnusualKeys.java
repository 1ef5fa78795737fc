package io.configvault.vault.testing;

import io.configvault.vault.testing.TestSnapshots.Keys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcaKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;

/** Keys as careless tools or operators leave them, made with Bouncy Castle. Test code only. */
public final class UnusualKeys {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private UnusualKeys() {
    }

    /** The secret key with its passphrase protection removed (S2K usage 0), armored. */
    public static String unprotectedSecretKey(Keys key) {
        try {
            PGPSecretKeyRing ring = new PGPSecretKeyRing(PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(key.generated().armoredSecretKey()
                            .getBytes(StandardCharsets.US_ASCII))),
                    new JcaKeyFingerprintCalculator());
            PGPSecretKeyRing bare = PGPSecretKeyRing.copyWithNewPassword(ring,
                    new JcePBESecretKeyDecryptorBuilder(
                            new JcaPGPDigestCalculatorProviderBuilder().setProvider(BC).build())
                            .setProvider(BC).build("test-passphrase".toCharArray()), null);
            return armor(bare.getEncoded());
        } catch (IOException | PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certificate without its encryption subkey: it verifies but cannot be encrypted to. */
    public static String certificateWithoutEncryptionSubkey(Keys key) {
        try {
            PGPPublicKeyRing ring = new PGPPublicKeyRing(PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(key.generated().armoredPublicKey()
                            .getBytes(StandardCharsets.US_ASCII))),
                    new JcaKeyFingerprintCalculator());
            for (PGPPublicKey subkey : ring) {
                if (!subkey.isMasterKey()) {
                    ring = PGPPublicKeyRing.removePublicKey(ring, subkey);
                }
            }
            return armor(ring.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String armor(byte[] binary) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ArmoredOutputStream armored = new ArmoredOutputStream(out)) {
            armored.write(binary);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }
}
