package io.configvault.shared.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.OpenPgpSigned;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The signed form: only the pinned ingest key's signature over an intact document passes. */
class SignedSnapshotCommandTest {

    private static final char[] PASSPHRASE = "test-only passphrase".toCharArray();

    private static PgpSecretKey ingest;
    private static PgpPublicKey ingestPublic;
    private static PgpSecretKey outsider;

    @BeforeAll
    static void keys() throws Exception {
        var generated = OpenPgpKeys.generate("ingest-test-only", PASSPHRASE);
        ingest = OpenPgpKeys.readSecretKey(generated.armoredSecretKey(), PASSPHRASE);
        ingestPublic = OpenPgpKeys.readPublicKey(generated.armoredPublicKey());
        var other = OpenPgpKeys.generate("outsider-test-only", PASSPHRASE);
        outsider = OpenPgpKeys.readSecretKey(other.armoredSecretKey(), PASSPHRASE);
    }

    @Test
    void aSignedRequestVerifiesAgainstThePinnedKey() throws Exception {
        SnapshotCommand command = SnapshotCommandCodecTest.goldenCommand();

        byte[] signed = SignedSnapshotCommand.sign(command, ingest);

        assertThat(SignedSnapshotCommand.verify(signed, ingestPublic)).isEqualTo(command);
    }

    @Test
    void aRequestSignedByAnotherKeyIsRefused() throws Exception {
        byte[] forged = SignedSnapshotCommand.sign(SnapshotCommandCodecTest.goldenCommand(),
                outsider);

        assertThatThrownBy(() -> SignedSnapshotCommand.verify(forged, ingestPublic))
                .isInstanceOf(OpenPgpException.class)
                .hasMessageStartingWith("Cannot verify signed message: it is signed by key id")
                .extracting(e -> ((OpenPgpException) e).reason())
                .isEqualTo(OpenPgpException.Reason.WRONG_SIGNER);
    }

    @Test
    void aChangedDocumentIsRefused() throws Exception {
        byte[] signed = SignedSnapshotCommand.sign(SnapshotCommandCodecTest.goldenCommand(),
                ingest);
        String text = new String(signed, StandardCharsets.ISO_8859_1);
        byte[] altered = text.replace("demo-nas", "demo-nat").getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> SignedSnapshotCommand.verify(altered, ingestPublic))
                .isInstanceOf(OpenPgpException.class)
                .extracting(e -> ((OpenPgpException) e).reason())
                .isEqualTo(OpenPgpException.Reason.BAD_SIGNATURE);
    }

    @Test
    void unsignedTruncatedOrTrailingBytesAreRefused() throws Exception {
        byte[] signed = SignedSnapshotCommand.sign(SnapshotCommandCodecTest.goldenCommand(),
                ingest);
        byte[] truncated = java.util.Arrays.copyOf(signed, signed.length - 10);
        byte[] trailing = java.util.Arrays.copyOf(signed, signed.length + 3);

        assertThatThrownBy(() -> SignedSnapshotCommand.verify(truncated, ingestPublic))
                .isInstanceOf(OpenPgpException.class)
                .hasMessageStartingWith("Cannot verify signed message: ");
        assertThatThrownBy(() -> SignedSnapshotCommand.verify(trailing, ingestPublic))
                .isInstanceOf(OpenPgpException.class);
        assertThatThrownBy(() -> SignedSnapshotCommand.verify(
                "{\"format\":1}".getBytes(StandardCharsets.UTF_8), ingestPublic))
                .isInstanceOf(OpenPgpException.class);
    }

    @Test
    void aSignedDocumentThatIsNotARequestIsAFormatError() throws Exception {
        byte[] signed = OpenPgpSigned.sign("{}".getBytes(StandardCharsets.UTF_8), ingest, "x");

        assertThatThrownBy(() -> SignedSnapshotCommand.verify(signed, ingestPublic))
                .isInstanceOf(SnapshotCommandFormatException.class)
                .hasMessageStartingWith("snapshot request lacks the field '");
    }

    @Test
    void anOversizedMessageIsRefusedBeforeParsing() {
        byte[] huge = new byte[SignedSnapshotCommand.MAX_MESSAGE_BYTES + 1];

        assertThatThrownBy(() -> SignedSnapshotCommand.verify(huge, ingestPublic))
                .isInstanceOf(SnapshotCommandFormatException.class)
                .hasMessageContaining("larger than");
    }
}
