package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.BAD_SIGNATURE;
import static io.configvault.shared.crypto.OpenPgpException.Reason.COMPRESSED_NOT_ALLOWED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.INTEGRITY_CHECK_FAILED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.NO_INTEGRITY_PROTECTION;
import static io.configvault.shared.crypto.OpenPgpException.Reason.SYMMETRIC_PASSWORD_PACKET;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_LARGE;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_MANY_RECIPIENTS;
import static io.configvault.shared.crypto.OpenPgpException.Reason.UNSIGNED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WEAK_OR_UNKNOWN_ALGORITHM;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WRONG_PASSPHRASE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.configvault.shared.crypto.OpenPgpException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Messages that must be refused: tampered, truncated, weak, compressed, unsigned... */
class OpenPgpRejectionTest {

    private static final byte[] SMALL =
            "PRAGMA user_version=7; -- SECRET-PLAINTEXT-MARKER".getBytes(StandardCharsets.UTF_8);

    private final TestKeys.Key appliance = TestKeys.appliance();
    private final TestKeys.Key vault = TestKeys.vault();
    private final TestKeys.Key escrow = TestKeys.escrow();
    private final TestKeys.Key outsider = TestKeys.outsider();


    @Test
    void flippingAnyByteIsDetected() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault);
        int encryptedDataStart = PacketLayout.bodyStartOfPacket(ciphertext, 1);
        Set<Reason> reasonsInsideEncryptedData =
                EnumSet.of(INTEGRITY_CHECK_FAILED, BAD_SIGNATURE, MALFORMED);

        for (int position = 0; position < ciphertext.length; position++) {
            for (int mask : new int[] {0x01, 0x80}) {
                byte[] tampered = ciphertext.clone();
                tampered[position] ^= (byte) mask;

                OpenPgpException rejected = catchThrowableOfType(OpenPgpException.class,
                        () -> Messages.open(tampered, vault, appliance));

                assertThat(rejected).as("byte %d ^ 0x%02x", position, mask).isNotNull();
                assertThat(rejected).hasMessageStartingWith("Cannot decrypt snapshot: ");
                if (position >= encryptedDataStart) {
                    assertThat(rejected.reason()).as("byte %d ^ 0x%02x", position, mask)
                            .isIn(reasonsInsideEncryptedData);
                }
            }
        }
    }

    @Test
    void flippingBytesOfTheEncryptedDataOfABigMultiRecipientMessageIsDetected() throws Exception {
        byte[] plaintext = new PatternInputStream(300_000, 7).readAllBytes();
        byte[] ciphertext = Messages.seal(plaintext, appliance, vault, escrow, outsider);
        int start = PacketLayout.bodyStartOfPacket(ciphertext, 3);
        int[] positions = {start, start + 10, start + 17, start + 18, start + 40, start + 4_000,
            ciphertext.length / 2, ciphertext.length - 200, ciphertext.length - 30,
            ciphertext.length - 22, ciphertext.length - 1};

        for (int position : positions) {
            byte[] tampered = ciphertext.clone();
            tampered[position] ^= 0x20;
            OpenPgpException rejected = catchThrowableOfType(OpenPgpException.class,
                    () -> Messages.open(tampered, escrow, appliance));

            assertThat(rejected).as("byte %d", position).isNotNull();
            assertThat(rejected.reason()).as("byte %d", position)
                    .isIn(INTEGRITY_CHECK_FAILED, BAD_SIGNATURE, MALFORMED);
        }
    }

    @Test
    void aTamperedLiteralIsReportedAsAnIntegrityFailure() throws Exception {
        byte[] plaintext = new PatternInputStream(100_000, 3).readAllBytes();
        byte[] ciphertext = Messages.seal(plaintext, appliance, vault);
        byte[] tampered = ciphertext.clone();
        tampered[ciphertext.length / 2] ^= 0x01;

        assertRejected(() -> Messages.open(tampered, vault, appliance), INTEGRITY_CHECK_FAILED,
                "the integrity check (MDC) failed");
    }

    @Test
    void truncatedCiphertextIsRejected() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault);

        for (int length = 0; length < ciphertext.length; length++) {
            byte[] truncated = Arrays.copyOf(ciphertext, length);
            OpenPgpException rejected = catchThrowableOfType(OpenPgpException.class,
                    () -> Messages.open(truncated, vault, appliance));

            assertThat(rejected).as("first %d bytes", length).isNotNull();
            assertThat(rejected.reason()).as("first %d bytes", length)
                    .isIn(MALFORMED, INTEGRITY_CHECK_FAILED);
        }
        assertRejected(() -> Messages.open(Arrays.copyOf(ciphertext, ciphertext.length - 5),
                vault, appliance), MALFORMED, "truncated");
    }

    @Test
    void trailingGarbageIsRejected() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault);
        byte[] extended = Arrays.copyOf(ciphertext, ciphertext.length + 1);

        assertRejected(() -> Messages.open(extended, vault, appliance), MALFORMED,
                "there is data after the end of the message");

        byte[] twoMessages = concat(ciphertext, Messages.seal(SMALL, appliance, vault));
        assertRejected(() -> Messages.open(twoMessages, vault, appliance), MALFORMED,
                "there is data after the end of the message");
    }

    @Test
    void aWrongPassphraseDoesNotUnlockTheSecretKey() {
        String armored = vault.generated().armoredSecretKey();

        assertThatThrownBy(() -> OpenPgpKeys.readSecretKey(armored, "guess".toCharArray()))
                .isInstanceOfSatisfying(OpenPgpException.class,
                        e -> assertThat(e.reason()).isEqualTo(WRONG_PASSPHRASE))
                .hasMessage("Cannot unlock secret key " + vault.fingerprint()
                        + ": wrong passphrase");
    }

    @Test
    void tooManyRecipientsAreRejectedBeforeAnySessionKeyIsDecrypted() throws Exception {
        byte[] seventeen = ForgedMessages.to(vault).recipient(vault, 16).build(SMALL);
        assertRejected(() -> Messages.open(seventeen, vault, appliance), TOO_MANY_RECIPIENTS,
                "more than 16 recipients");

        byte[] three = Messages.seal(SMALL, appliance, vault, escrow, outsider);
        assertRejected(() -> Messages.open(three, vault, appliance,
                        new OpenPgpDecryptor.Limits(1 << 20, 2)),
                TOO_MANY_RECIPIENTS, "more than 2 recipients");
    }

    @Test
    void aCompressedMessageIsRejected() {
        byte[] ciphertext = ForgedMessages.to(vault).compressed().build(SMALL);

        assertRejected(() -> Messages.open(ciphertext, vault, appliance), COMPRESSED_NOT_ALLOWED,
                "compressed data");
    }

    @Test
    void aMessageWithoutMdcIsRejected() {
        byte[] ciphertext = ForgedMessages.to(vault).withoutIntegrityPacket().build(SMALL);

        assertRejected(() -> Messages.open(ciphertext, vault, appliance), NO_INTEGRITY_PROTECTION,
                "without integrity protection");
    }

    @ParameterizedTest
    @ValueSource(ints = {SymmetricKeyAlgorithmTags.CAST5, SymmetricKeyAlgorithmTags.TRIPLE_DES,
        SymmetricKeyAlgorithmTags.IDEA, SymmetricKeyAlgorithmTags.BLOWFISH, SymmetricKeyAlgorithmTags.TWOFISH,
        SymmetricKeyAlgorithmTags.CAMELLIA_256})
    void aCipherOtherThanAesIsRejected(int cipher) {
        byte[] ciphertext = ForgedMessages.to(vault).cipher(cipher).build(SMALL);

        assertRejected(() -> Messages.open(ciphertext, vault, appliance),
                WEAK_OR_UNKNOWN_ALGORITHM, "it is encrypted with " + Profile.cipherName(cipher));
    }

    @ParameterizedTest
    @ValueSource(ints = {SymmetricKeyAlgorithmTags.AES_128, SymmetricKeyAlgorithmTags.AES_192})
    void shorterAesKeysAreAccepted(int cipher) throws Exception {
        byte[] ciphertext = ForgedMessages.to(vault).cipher(cipher).build(SMALL);

        assertThat(Messages.open(ciphertext, vault, appliance).plaintext()).isEqualTo(SMALL);
    }

    @ParameterizedTest
    @ValueSource(ints = {HashAlgorithmTags.SHA1, HashAlgorithmTags.RIPEMD160,
        HashAlgorithmTags.SHA224})
    void aSignatureWithAWeakHashIsRejected(int hash) {
        byte[] ciphertext = ForgedMessages.to(vault).hash(hash).build(SMALL);

        assertRejected(() -> Messages.open(ciphertext, vault, appliance),
                WEAK_OR_UNKNOWN_ALGORITHM, "its signature uses " + Profile.hashName(hash));
    }

    @Test
    void anUnsignedMessageIsRejected() {
        byte[] ciphertext = ForgedMessages.to(vault).unsigned().build(SMALL);

        assertRejected(() -> Messages.open(ciphertext, vault, appliance), UNSIGNED,
                "it is not signed");
    }

    @Test
    void aMessageThatAlsoOpensWithAPasswordIsRejected() {
        byte[] ciphertext = ForgedMessages.to(vault).alsoPassword("hunter2").build(SMALL);

        assertRejected(() -> Messages.open(ciphertext, vault, appliance),
                SYMMETRIC_PASSWORD_PACKET, "password");
    }

    @Test
    void plaintextOverTheLimitIsRejectedAsSoonAsItIsExceeded() throws Exception {
        byte[] ciphertext = Messages.seal(new PatternInputStream(200_000, 1).readAllBytes(),
                appliance, vault);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();

        assertRejected(() -> OpenPgpDecryptor.decrypt(new ByteArrayInputStream(ciphertext),
                        plaintext, List.of(vault.secretKey()), appliance.publicKey(),
                        new OpenPgpDecryptor.Limits(100_000, 16)),
                TOO_LARGE, "larger than the limit of 100000 bytes");
        assertThat(plaintext.size()).isLessThanOrEqualTo(100_000);
    }

    @Test
    void inputThatIsNotAMessageIsMalformed() throws Exception {
        assertRejected(() -> Messages.open(new byte[0], vault, appliance), MALFORMED, "empty");
        assertRejected(() -> Messages.open(new PatternInputStream(5000, 9).readAllBytes(), vault,
                appliance), MALFORMED, "");
        byte[] key = vault.publicKey().ring().getEncoded();
        assertRejected(() -> Messages.open(key, vault, appliance), MALFORMED,
                "not an encrypted OpenPGP message");
    }

    @Test
    void aHugeSessionKeyPacketIsRefusedWithoutBufferingIt() {
        // New-format PKESK header claiming 2 GiB; only a few bytes follow.
        byte[] header = {(byte) 0xC1, (byte) 0xFF, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            3, 1, 2, 3, 4, 5, 6, 7, 8, 18};

        assertRejected(() -> Messages.open(header, vault, appliance), MALFORMED,
                "a packet claims a body of 2147483647 bytes, more than the limit of 16384 bytes");
    }

    private static void assertRejected(ThrowingCallable call, Reason reason, String messagePart) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(OpenPgpException.class,
                        e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageStartingWith("Cannot decrypt snapshot: ")
                .hasMessageContaining(messagePart);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
