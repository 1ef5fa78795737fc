package io.configvault.shared.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Decrypts messages committed under {@code src/test/resources/crypto/} (TEST ONLY keys, see the
 * README there): one written by this package with Bouncy Castle 1.86, one written by GnuPG
 * 2.2.40. Guards the format across Bouncy Castle upgrades without needing gpg at test time.
 */
class OpenPgpKnownAnswerTest {

    private static final char[] PASSPHRASE = KnownAnswerFixtures.PASSPHRASE.toCharArray();
    private static final String VAULT = "BE9E8987C4E8ED6F6BE28E0686F8C88338F8AB64";
    private static final String APPLIANCE = "273DAF6F43F215094BCBF5805329FACFE1088396";
    private static final String GPG_SIGNER = "E5BC5880AEFD6D664998DA0EB8E207FFE9AE6131";
    private static final String PLAINTEXT_SHA256 =
            "3a3fbf0cf690f1f1305079ddd8e7f9e1a1688463713d73e6f2889b314837f2bb";

    @Test
    void fixtureKeysReadWithTheirFingerprintsAndUserIds() throws Exception {
        PgpPublicKey vault = OpenPgpKeys.readPublicKey(resource("test-only-vault.pub.asc"));
        PgpPublicKey appliance = OpenPgpKeys.readPublicKey(resource("test-only-appliance.pub.asc"));
        PgpPublicKey gpgSigner =
                OpenPgpKeys.readPublicKey(resource("test-only-gpg-signer.pub.asc"));
        PgpSecretKey vaultSecret = OpenPgpKeys.readSecretKey(resource("test-only-vault.sec.asc"),
                PASSPHRASE);

        assertThat(vault.fingerprint()).isEqualTo(VAULT);
        assertThat(vault.userId())
                .isEqualTo("vault-ingest TEST ONLY <vault-ingest@test-only.invalid>");
        assertThat(appliance.fingerprint()).isEqualTo(APPLIANCE);
        assertThat(gpgSigner.fingerprint()).isEqualTo(GPG_SIGNER);
        assertThat(gpgSigner.userId())
                .isEqualTo("gpg signer TEST ONLY <gpg-signer@test-only.invalid>");
        assertThat(vaultSecret.fingerprint()).isEqualTo(VAULT);
        assertThat(vaultSecret.publicKey()).isEqualTo(vault);
    }

    @Test
    void decryptsTheMessageThisPackageWroteWithBouncyCastle186() throws Exception {
        assertDecrypts("known-answer.bc.pgp", "test-only-appliance.pub.asc", APPLIANCE);
    }

    @Test
    void decryptsTheMessageGnuPg22Wrote() throws Exception {
        assertDecrypts("known-answer.gpg.pgp", "test-only-gpg-signer.pub.asc", GPG_SIGNER);
    }

    private static void assertDecrypts(String message, String signerKey, String signer)
            throws Exception {
        PgpSecretKey vault = OpenPgpKeys.readSecretKey(resource("test-only-vault.sec.asc"),
                PASSPHRASE);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        OpenPgpDecryptor.Decrypted decrypted;
        try (InputStream in = stream(message)) {
            decrypted = OpenPgpDecryptor.decrypt(in, plaintext, List.of(vault),
                    OpenPgpKeys.readPublicKey(resource(signerKey)),
                    OpenPgpDecryptor.Limits.DEFAULT);
        }

        assertThat(plaintext.toByteArray()).isEqualTo(KnownAnswerFixtures.plaintext());
        assertThat(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(plaintext.toByteArray())))
                .isEqualTo(PLAINTEXT_SHA256);
        assertThat(decrypted).isEqualTo(new OpenPgpDecryptor.Decrypted(signer, 303, VAULT));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = stream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    private static InputStream stream(String name) {
        InputStream in = OpenPgpKnownAnswerTest.class.getResourceAsStream("/crypto/" + name);
        assertThat(in).as("test resource crypto/%s", name).isNotNull();
        return in;
    }
}
