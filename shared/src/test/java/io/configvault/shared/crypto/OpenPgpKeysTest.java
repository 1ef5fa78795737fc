package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.UNPROTECTED_KEY;
import static io.configvault.shared.crypto.OpenPgpException.Reason.UNUSABLE_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.crypto.OpenPgpException.Reason;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.bcpg.CompressionAlgorithmTags;
import org.bouncycastle.bcpg.ECDHPublicBCPGKey;
import org.bouncycastle.bcpg.EdDSAPublicBCPGKey;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.S2K;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.bcpg.sig.Features;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.jcajce.JcePBESecretKeyDecryptorBuilder;
import org.junit.jupiter.api.Test;

class OpenPgpKeysTest {

    private final TestKeys.Key vault = TestKeys.vault();

    @Test
    void generatesTheGnuPg22Profile() throws Exception {
        PgpPublicKey key = vault.publicKey();
        PGPPublicKey primary = key.ring().getPublicKey();
        PGPPublicKey subkey = key.encryptionKey();

        assertThat(key.fingerprint()).matches("[0-9A-F]{40}")
                .isEqualTo(vault.generated().fingerprint());
        assertThat(key.userId()).isEqualTo("vault-test-only <vault-test-only@test.invalid>");
        assertThat(primary.getVersion()).isEqualTo(4);
        assertThat(primary.getAlgorithm()).isEqualTo(PublicKeyAlgorithmTags.EDDSA_LEGACY);
        EdDSAPublicBCPGKey eddsa = (EdDSAPublicBCPGKey) primary.getPublicKeyPacket().getKey();
        assertThat(eddsa.getCurveOID().getId()).as("Ed25519").isEqualTo("1.3.6.1.4.1.11591.15.1");
        assertThat(subkey.getVersion()).isEqualTo(4);
        assertThat(subkey.getAlgorithm()).isEqualTo(PublicKeyAlgorithmTags.ECDH);
        ECDHPublicBCPGKey ecdh = (ECDHPublicBCPGKey) subkey.getPublicKeyPacket().getKey();
        assertThat(ecdh.getCurveOID().getId()).as("Curve25519").isEqualTo("1.3.6.1.4.1.3029.1.5.1");
        assertThat(ecdh.getHashAlgorithm()).isEqualTo((byte) HashAlgorithmTags.SHA256);
        assertThat(ecdh.getSymmetricKeyAlgorithm())
                .isEqualTo((byte) SymmetricKeyAlgorithmTags.AES_128);
        assertThat(key.signingKeys()).containsExactly(primary);

        PGPSignatureSubpacketVector selfSignature =
                primary.getSignaturesForID(key.userId()).next().getHashedSubPackets();
        assertThat(selfSignature.getKeyFlags())
                .isEqualTo(KeyFlags.CERTIFY_OTHER | KeyFlags.SIGN_DATA);
        assertThat(selfSignature.getPreferredSymmetricAlgorithms()).containsExactly(
                SymmetricKeyAlgorithmTags.AES_256, SymmetricKeyAlgorithmTags.AES_192,
                SymmetricKeyAlgorithmTags.AES_128);
        assertThat(selfSignature.getPreferredCompressionAlgorithms())
                .containsExactly(CompressionAlgorithmTags.UNCOMPRESSED);
        assertThat(selfSignature.getFeatures()
                .supportsFeature(Features.FEATURE_MODIFICATION_DETECTION)).isTrue();
        PGPSignature binding = subkey.getSignaturesOfType(PGPSignature.SUBKEY_BINDING).next();
        assertThat(binding.getHashAlgorithm()).isEqualTo(HashAlgorithmTags.SHA512);
        assertThat(binding.getHashedSubPackets().getKeyFlags())
                .isEqualTo(KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE);
    }

    @Test
    void protectsSecretKeysWithAes256UnderAnIteratedSaltedSha256S2k() throws Exception {
        PGPSecretKeyRing ring = secretRing(vault.generated().armoredSecretKey());

        for (Iterator<PGPSecretKey> keys = ring.getSecretKeys(); keys.hasNext(); ) {
            PGPSecretKey secret = keys.next();
            assertThat(secret.getS2KUsage()).isEqualTo(SecretKeyPacket.USAGE_SHA1);
            assertThat(secret.getKeyEncryptionAlgorithm())
                    .isEqualTo(SymmetricKeyAlgorithmTags.AES_256);
            assertThat(secret.getS2K().getType()).isEqualTo(S2K.SALTED_AND_ITERATED);
            assertThat(secret.getS2K().getHashAlgorithm()).isEqualTo(HashAlgorithmTags.SHA256);
            assertThat(secret.getS2K().getIterationCount()).isEqualTo(33_554_432L);
        }
    }

    @Test
    void neverPrintsSecrets() {
        assertThat(vault.generated().toString())
                .isEqualTo("GeneratedKey[" + vault.fingerprint() + "]");
        assertThat(vault.secretKey().toString()).isEqualTo("PgpSecretKey[" + vault.fingerprint()
                + " vault-test-only <vault-test-only@test.invalid>]");
    }

    @Test
    void refusesToGenerateWithoutPassphraseOrUserId() {
        assertThatThrownBy(() -> OpenPgpKeys.generate("nas-1", new char[0]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot generate key for 'nas-1': the passphrase is empty;"
                        + " secret keys rest encrypted");
        assertThatThrownBy(() -> OpenPgpKeys.generate(" ", "x".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot generate key: the user id is blank");
    }

    @Test
    void readsPublicKeysArmoredOrBinaryAndTheyRoundTrip() throws Exception {
        PgpPublicKey fromString = OpenPgpKeys.readPublicKey(vault.generated().armoredPublicKey());
        PgpPublicKey fromArmoredStream = OpenPgpKeys.readPublicKey(new ByteArrayInputStream(
                fromString.armored().getBytes(StandardCharsets.US_ASCII)));
        PgpPublicKey fromBinaryStream = OpenPgpKeys.readPublicKey(
                new ByteArrayInputStream(fromString.ring().getEncoded()));

        assertThat(fromArmoredStream).isEqualTo(fromString).isEqualTo(fromBinaryStream)
                .hasSameHashCodeAs(fromString);
        assertThat(fromString.armored()).startsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----")
                .doesNotContain("Version:");
        assertThat(vault.secretKey().publicKey()).isEqualTo(fromString);
    }

    @Test
    void refusesWhatIsNotExactlyOneKeyOfTheRightKind() throws Exception {
        String secret = vault.generated().armoredSecretKey();
        String twoKeys = TestKeys.appliance().publicKey().armored().replace(
                "-----END PGP PUBLIC KEY BLOCK-----", "") + vault.publicKey().armored();
        byte[] twoBinaryKeys = concat(TestKeys.appliance().publicKey().ring().getEncoded(),
                vault.publicKey().ring().getEncoded());

        assertRefused(() -> OpenPgpKeys.readPublicKey(secret), MALFORMED,
                "Cannot read public key: expected a public key, found a secret key");
        assertRefused(() -> OpenPgpKeys.readSecretKey(vault.publicKey().armored(),
                TestKeys.PASSPHRASE), MALFORMED,
                "Cannot read secret key: expected a secret key, found a public key");
        assertRefused(() -> OpenPgpKeys.readPublicKey("hello"), MALFORMED,
                "Cannot read public key");
        assertRefused(() -> OpenPgpKeys.readPublicKey(new ByteArrayInputStream(twoBinaryKeys)),
                MALFORMED, "Cannot read public key: the input holds more than one key");
        assertRefused(() -> OpenPgpKeys.readPublicKey(twoKeys), MALFORMED,
                "Cannot read public key: the input holds more than one armored block");
    }

    @Test
    void refusesAKeyWhoseSelfSignatureDoesNotVerify() throws Exception {
        byte[] binary = vault.publicKey().ring().getEncoded();
        // Packets: primary key, user id, its self-signature, subkey, binding. Damage the last
        // byte of the self-signature's S value.
        binary[PacketLayout.endOfPacket(binary, 2) - 1] ^= 0x01;

        assertRefused(() -> OpenPgpKeys.readPublicKey(new ByteArrayInputStream(binary)),
                UNUSABLE_KEY, "Cannot use key " + vault.fingerprint()
                        + ": it has no user id with a valid self-signature");
    }

    @Test
    void aKeyWithoutEncryptionSubkeyCanVerifyButNotReceive() throws Exception {
        byte[] binary = vault.publicKey().ring().getEncoded();
        byte[] primaryOnly = java.util.Arrays.copyOf(binary, PacketLayout.startOfPacket(binary, 3));

        PgpPublicKey key = OpenPgpKeys.readPublicKey(new ByteArrayInputStream(primaryOnly));

        assertThat(key.signingKeys()).hasSize(1);
        assertThatThrownBy(key::encryptionKey)
                .isInstanceOfSatisfying(OpenPgpException.class,
                        e -> assertThat(e.reason()).isEqualTo(UNUSABLE_KEY))
                .hasMessage("Cannot use key " + vault.fingerprint()
                        + " as a recipient: it has no valid encryption subkey");
    }

    @Test
    void refusesASecretKeyStoredWithoutPassphraseWhateverPassphraseIsGiven() throws Exception {
        PGPSecretKeyRing protectedRing = secretRing(vault.generated().armoredSecretKey());
        PGPSecretKeyRing bare = PGPSecretKeyRing.copyWithNewPassword(protectedRing,
                new JcePBESecretKeyDecryptorBuilder(Jca.digests()).setProvider(Jca.BOUNCY_CASTLE)
                        .build(TestKeys.PASSPHRASE), null);
        assertThat(bare.getSecretKey().getS2KUsage()).isEqualTo(SecretKeyPacket.USAGE_NONE);
        String armored = Armor.armor(bare::encode, java.util.List.of());

        for (String passphrase : new String[] {"", "anything", new String(TestKeys.PASSPHRASE)}) {
            assertThatThrownBy(() -> OpenPgpKeys.readSecretKey(armored, passphrase.toCharArray()))
                    .isInstanceOfSatisfying(OpenPgpException.class,
                            e -> assertThat(e.reason()).isEqualTo(UNPROTECTED_KEY))
                    .hasMessage("Cannot use secret key " + vault.fingerprint() + ": it is not"
                            + " protected by a passphrase; secret keys must rest encrypted");
        }
    }

    private static PGPSecretKeyRing secretRing(String armored) throws Exception {
        try (var in = PGPUtil.getDecoderStream(
                new ByteArrayInputStream(armored.getBytes(StandardCharsets.US_ASCII)))) {
            return new PGPSecretKeyRing(in, Jca.fingerprints());
        }
    }

    private static void assertRefused(ThrowingCallable call, Reason reason, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(OpenPgpException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageContaining(messagePart);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
