package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.COMPRESSED_NOT_ALLOWED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.MALFORMED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.NO_INTEGRITY_PROTECTION;
import static io.configvault.shared.crypto.OpenPgpException.Reason.SYMMETRIC_PASSWORD_PACKET;
import static io.configvault.shared.crypto.OpenPgpException.Reason.TOO_MANY_RECIPIENTS;
import static io.configvault.shared.crypto.OpenPgpException.Reason.UNSIGNED;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WEAK_OR_UNKNOWN_ALGORITHM;
import static io.configvault.shared.crypto.OpenPgpException.Reason.WRONG_SIGNER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.configvault.shared.crypto.OpenPgpException.Reason;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * QUALITY.md scenario 27: messages without integrity protection, with weak or unknown
 * algorithms, with too many recipients, unsigned or signed by someone else are refused before a
 * single byte of plaintext reaches the caller's stream — not merely at the end of it.
 */
class OpenPgpRefusedBeforePlaintextTest {

    private static final byte[] PLAINTEXT = "SECRET-PLAINTEXT-MARKER ".repeat(4000)
            .getBytes(StandardCharsets.UTF_8);

    private final TestKeys.Key appliance = TestKeys.appliance();
    private final TestKeys.Key vault = TestKeys.vault();

    static Stream<Arguments> refusedUpFront() {
        TestKeys.Key vault = TestKeys.vault();
        return Stream.of(
                forged("no MDC (SED packet)", NO_INTEGRITY_PROTECTION,
                        () -> ForgedMessages.to(vault).withoutIntegrityPacket()),
                forged("CAST5", WEAK_OR_UNKNOWN_ALGORITHM,
                        () -> ForgedMessages.to(vault).cipher(SymmetricKeyAlgorithmTags.CAST5)),
                forged("TripleDES", WEAK_OR_UNKNOWN_ALGORITHM, () -> ForgedMessages.to(vault)
                        .cipher(SymmetricKeyAlgorithmTags.TRIPLE_DES)),
                forged("IDEA", WEAK_OR_UNKNOWN_ALGORITHM,
                        () -> ForgedMessages.to(vault).cipher(SymmetricKeyAlgorithmTags.IDEA)),
                forged("17 recipients", TOO_MANY_RECIPIENTS,
                        () -> ForgedMessages.to(vault).recipient(vault, 16)),
                forged("password packet", SYMMETRIC_PASSWORD_PACKET,
                        () -> ForgedMessages.to(vault).alsoPassword("hunter2")),
                forged("unsigned", UNSIGNED, () -> ForgedMessages.to(vault).unsigned()),
                forged("signed by another key", WRONG_SIGNER,
                        () -> ForgedMessages.to(vault).signedBy(TestKeys.outsider())),
                forged("SHA-1 signature", WEAK_OR_UNKNOWN_ALGORITHM,
                        () -> ForgedMessages.to(vault).hash(HashAlgorithmTags.SHA1)),
                forged("compressed", COMPRESSED_NOT_ALLOWED,
                        () -> ForgedMessages.to(vault).compressed()));
    }

    private static Arguments forged(String name, Reason reason,
                                    Supplier<ForgedMessages> message) {
        return Arguments.of(name, reason, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedUpFront")
    void isRefusedBeforeAnyPlaintextIsWritten(String name, Reason reason,
                                              Supplier<ForgedMessages> message) {
        byte[] ciphertext = message.get().build(PLAINTEXT);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();

        OpenPgpException refused = catchThrowableOfType(OpenPgpException.class,
                () -> OpenPgpDecryptor.decrypt(new ByteArrayInputStream(ciphertext), plaintext,
                        List.of(vault.secretKey()), appliance.publicKey(),
                        OpenPgpDecryptor.Limits.DEFAULT));

        assertThat(refused).as(name).isNotNull();
        assertThat(refused.reason()).as(name).isEqualTo(reason);
        assertThat(refused).hasMessageStartingWith("Cannot decrypt snapshot: ")
                .hasMessageNotContaining("SECRET-PLAINTEXT-MARKER");
        assertThat(plaintext.size()).as("plaintext bytes released for " + name).isZero();
    }

    @Test
    void anOversizedSignaturePacketIsRefusedBeforeItsBodyIsRead() {
        byte[] ciphertext = ForgedMessages.to(vault).signaturePacketClaiming(1L << 30)
                .build(PLAINTEXT);

        OpenPgpException refused = catchThrowableOfType(OpenPgpException.class,
                () -> Messages.open(ciphertext, vault, appliance));

        assertThat(refused).isNotNull();
        assertThat(refused.reason()).isEqualTo(MALFORMED);
        assertThat(refused).hasMessage("Cannot decrypt snapshot: a packet claims a body of "
                + (1L << 30) + " bytes, more than the limit of " + (256 * 1024)
                + " bytes for its kind");
    }

    @Test
    void anOversizedSessionKeyPacketIsRefusedBeforeAnyPlaintextIsWritten() {
        // A new-format PKESK header claiming 1 MiB, then the start of a real message.
        byte[] message = ForgedMessages.to(vault).build(PLAINTEXT);
        byte[] forged = new byte[message.length + 6];
        forged[0] = (byte) 0xC1;
        forged[1] = (byte) 0xFF;
        forged[2] = 0;
        forged[3] = 0x10;
        System.arraycopy(message, 0, forged, 6, message.length);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();

        OpenPgpException refused = catchThrowableOfType(OpenPgpException.class,
                () -> OpenPgpDecryptor.decrypt(new ByteArrayInputStream(forged), plaintext,
                        List.of(vault.secretKey()), appliance.publicKey(),
                        OpenPgpDecryptor.Limits.DEFAULT));

        assertThat(refused.reason()).isEqualTo(MALFORMED);
        assertThat(refused).hasMessageContaining("more than the limit of 16384 bytes");
        assertThat(plaintext.size()).isZero();
    }
}
