package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.NO_MATCHING_DECRYPTION_KEY;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WRONG_SIGNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.configvault.shared.crypto.OpenPgpException.Reason;
import io.configvault.shared.io.Sha256;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenPgpRoundTripTest {

    private static final byte[] SMALL =
            "PRAGMA user_version=7; -- SECRET-PLAINTEXT-MARKER".getBytes(StandardCharsets.UTF_8);

    private final TestKeys.Key appliance = TestKeys.appliance();
    private final TestKeys.Key vault = TestKeys.vault();
    private final TestKeys.Key escrow = TestKeys.escrow();
    private final TestKeys.Key outsider = TestKeys.outsider();

    @Test
    void roundTripsEmptyPlaintext() throws Exception {
        byte[] ciphertext = Messages.seal(new byte[0], appliance, vault);

        Messages.Opened opened = Messages.open(ciphertext, vault, appliance);

        assertThat(opened.plaintext()).isEmpty();
        assertThat(opened.decrypted().plaintextBytes()).isZero();
    }

    @Test
    void roundTripsSmallPlaintextAndNamesSignerAndRecipient() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault);

        Messages.Opened opened = Messages.open(ciphertext, vault, appliance);

        assertThat(opened.plaintext()).isEqualTo(SMALL);
        assertThat(opened.decrypted()).isEqualTo(new OpenPgpDecryptor.Decrypted(
                appliance.fingerprint(), SMALL.length, vault.fingerprint()));
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1))
                .as("binary, encrypted output").doesNotContain("SECRET-PLAINTEXT-MARKER")
                .doesNotContain("-----BEGIN");
    }

    @Test
    void roundTripsMultiMiBPlaintextStreamedFromAGenerator(@TempDir Path dir) throws Exception {
        long size = 12L * 1024 * 1024 + 12_345; // not a multiple of any buffer
        Path ciphertext = dir.resolve("snapshot.pgp");
        try (InputStream in = new PatternInputStream(size, 42);
             OutputStream out = Files.newOutputStream(ciphertext)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(vault.publicKey()), appliance.secretKey(),
                    "snapshot.tar");
        }
        Sha256.DigestingSink expected = new Sha256.DigestingSink();
        new PatternInputStream(size, 42).transferTo(expected);

        Sha256.DigestingSink actual = new Sha256.DigestingSink();
        OpenPgpDecryptor.Decrypted decrypted;
        try (InputStream in = Files.newInputStream(ciphertext)) {
            decrypted = OpenPgpDecryptor.decrypt(in, actual, List.of(vault.secretKey()),
                    appliance.publicKey(), OpenPgpDecryptor.Limits.DEFAULT);
        }

        assertThat(decrypted.plaintextBytes()).isEqualTo(size);
        assertThat(actual.count()).isEqualTo(size);
        assertThat(actual.hex()).isEqualTo(expected.hex());
        assertThat(Files.size(ciphertext)).as("uncompressed, small overhead")
                .isBetween(size, size + 4096);
    }

    @Test
    void everyRecipientCanDecrypt() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault, escrow, outsider);

        for (TestKeys.Key recipient : List.of(vault, escrow, outsider)) {
            Messages.Opened opened = Messages.open(ciphertext, recipient, appliance);
            assertThat(opened.plaintext()).isEqualTo(SMALL);
            assertThat(opened.decrypted().recipientFingerprint())
                    .isEqualTo(recipient.fingerprint());
        }
    }

    @Test
    void triesEveryGivenKeySoThatOldKeysStillDecrypt() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, escrow);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();

        OpenPgpDecryptor.Decrypted decrypted = OpenPgpDecryptor.decrypt(
                new ByteArrayInputStream(ciphertext), plaintext,
                List.of(vault.secretKey(), escrow.secretKey()), appliance.publicKey(),
                OpenPgpDecryptor.Limits.DEFAULT);

        assertThat(decrypted.recipientFingerprint()).isEqualTo(escrow.fingerprint());
        assertThat(plaintext.toByteArray()).isEqualTo(SMALL);
    }

    @Test
    void encryptsWithAFreshSessionKeyEveryTime() throws Exception {
        byte[] first = Messages.seal(SMALL, appliance, vault);
        byte[] second = Messages.seal(SMALL, appliance, vault);

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aNonRecipientGetsNoMatchingDecryptionKey() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault);

        assertRejected(() -> Messages.open(ciphertext, escrow, appliance),
                NO_MATCHING_DECRYPTION_KEY, escrow.fingerprint());
    }

    @Test
    void aMessageFromAnotherSignerIsRejectedBeforeAnyPlaintextIsWritten() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, outsider, vault);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();

        assertRejected(() -> OpenPgpDecryptor.decrypt(new ByteArrayInputStream(ciphertext),
                        plaintext, List.of(vault.secretKey()), appliance.publicKey(),
                        OpenPgpDecryptor.Limits.DEFAULT),
                WRONG_SIGNER, "not by the required signer " + appliance.fingerprint());
        assertThat(plaintext.size()).isZero();
    }

    @Test
    void aFailingInputStreamIsReportedAsItselfNotAsABadMessage() throws Exception {
        byte[] ciphertext = Messages.seal(new PatternInputStream(200_000, 5).readAllBytes(),
                appliance, vault);
        IOException diskGone = new IOException("disk gone");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(ciphertext)) {
            private int read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 100_000) {
                    throw diskGone;
                }
                int n = super.read(b, off, Math.min(len, 1000));
                read += Math.max(n, 0);
                return n;
            }
        };

        assertThatThrownBy(() -> OpenPgpDecryptor.decrypt(failing, OutputStream.nullOutputStream(),
                List.of(vault.secretKey()), appliance.publicKey(), OpenPgpDecryptor.Limits.DEFAULT))
                .isSameAs(diskGone);
    }

    @Test
    void aFailingOutputStreamIsReportedAsItselfNotAsABadMessage() throws Exception {
        byte[] ciphertext = Messages.seal(SMALL, appliance, vault);
        IOException diskFull = new IOException("No space left on device");
        OutputStream full = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw diskFull;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw diskFull;
            }
        };

        assertThatThrownBy(() -> OpenPgpDecryptor.decrypt(new ByteArrayInputStream(ciphertext),
                full, List.of(vault.secretKey()), appliance.publicKey(),
                OpenPgpDecryptor.Limits.DEFAULT))
                .isSameAs(diskFull);
    }

    @Test
    void messagesOfRejectionsNeverContainPlaintext() throws Exception {
        byte[] sealed = Messages.seal(SMALL, appliance, vault);
        byte[] tampered = sealed.clone();
        tampered[tampered.length - 30] ^= 1;
        List<ThrowingCallable> rejections = List.of(
                () -> Messages.open(tampered, vault, appliance),
                () -> Messages.open(sealed, vault, outsider),
                () -> Messages.open(ForgedMessages.to(vault).compressed().build(SMALL), vault,
                        appliance),
                () -> Messages.open(ForgedMessages.to(vault).unsigned().build(SMALL), vault,
                        appliance),
                () -> Messages.open(sealed, vault, appliance, new OpenPgpDecryptor.Limits(5, 16)));

        for (ThrowingCallable rejection : rejections) {
            Throwable thrown = catchThrowableOfType(OpenPgpException.class, rejection);
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("SECRET-PLAINTEXT")
                        .doesNotContain("PRAGMA");
            }
        }
    }

    @Test
    void encryptLeavesTheStreamsOpenAndRefusesBadRecipientLists() throws Exception {
        boolean[] closed = new boolean[1];
        OutputStream out = new ByteArrayOutputStream() {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        OpenPgpEncryptor.encrypt(new ByteArrayInputStream(SMALL), out, List.of(vault.publicKey()),
                appliance.secretKey(), "x");
        assertThat(closed[0]).isFalse();

        assertThatThrownBy(() -> OpenPgpEncryptor.encrypt(new ByteArrayInputStream(SMALL), out,
                List.of(), appliance.secretKey(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot encrypt snapshot: 0 recipients given, 1 to 16 allowed");
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
