package io.configvault.shared.crypto;

import static io.configvault.shared.crypto.OpenPgpException.Reason.COMPRESSED_NOT_ALLOWED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the real GnuPG (2.2 on Debian): what we write, gpg reads, and what gpg
 * writes to our keys, we read. Fails, never skips, when gpg is missing. ARCHITECTURE decision 2
 * and QUALITY scenario 25 (recover a snapshot with an escrow key and stock
 * {@code gpg --decrypt}).
 */
class GpgInteropIT {

    private static final byte[] PASSPHRASE =
            new String(TestKeys.PASSPHRASE).getBytes(StandardCharsets.UTF_8);

    private static Gpg gpg;

    @BeforeAll
    static void startGpg() throws Exception {
        gpg = Gpg.start();
        assertThat(gpg.version()).as("GnuPG version").startsWith("gpg (GnuPG) 2.");
    }

    @AfterAll
    static void stopGpg() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void gpgDecryptsOurMessageWithAnEscrowKeyAndVerifiesTheSignature() throws Exception {
        TestKeys.Key appliance = TestKeys.appliance();
        TestKeys.Key vault = TestKeys.vault();
        TestKeys.Key escrow = TestKeys.escrow();
        // Only the escrow secret key is in gpg's keyring: the vault and its keys are "gone".
        gpg.succeed(PASSPHRASE, "--pinentry-mode", "loopback", "--passphrase-fd", "0",
                "--import", write("escrow.sec.asc", escrow.generated().armoredSecretKey()));
        gpg.succeed(null, "--import",
                write("appliance.pub.asc", appliance.generated().armoredPublicKey()));
        byte[] plaintext = new PatternInputStream(3 * 1024 * 1024 + 17, 11).readAllBytes();
        Path message = gpg.home().resolve("snapshot.pgp");
        try (OutputStream out = Files.newOutputStream(message)) {
            OpenPgpEncryptor.encrypt(new ByteArrayInputStream(plaintext), out,
                    List.of(vault.publicKey(), escrow.publicKey()), appliance.secretKey(),
                    "snapshot.tar");
        }
        Path recovered = gpg.home().resolve("recovered.tar");

        Gpg.Run run = gpg.succeed(PASSPHRASE, "--pinentry-mode", "loopback", "--passphrase-fd",
                "0", "--output", recovered.toString(), "--decrypt", message.toString());

        assertThat(Files.readAllBytes(recovered)).isEqualTo(plaintext);
        assertThat(run.stderr()).contains("Good signature from \"appliance-test-only");
        assertThat(run.status())
                .contains("[GNUPG:] VALIDSIG " + appliance.fingerprint())
                .contains("[GNUPG:] GOODMDC")
                .contains("[GNUPG:] DECRYPTION_OKAY")
                // cipher 9 = AES-256, MDC method 2 = SHA-1 (SEIPD v1)
                .contains("[GNUPG:] DECRYPTION_INFO 2 9");
    }

    @Test
    void weReadWhatGpgEncryptsToOurKeyAndSigns() throws Exception {
        TestKeys.Key vault = TestKeys.vault();
        String gpgKey = generateGpgKey("gpg-ed25519 <gpg-ed25519@test.invalid>", "future-default");
        gpg.succeed(null, "--import", write("vault.pub.asc", vault.publicKey().armored()));
        byte[] plaintext = new PatternInputStream(1024 * 1024 + 3, 12).readAllBytes();
        Path input = gpg.home().resolve("input.bin");
        Files.write(input, plaintext);

        byte[] ciphertext = gpg.succeed(null, "--trust-model", "always",
                "--recipient", vault.fingerprint(), "--local-user", gpgKey,
                "--sign", "--encrypt", "-z", "0", "--cipher-algo", "AES256",
                "--digest-algo", "SHA512", "--output", "-", input.toString()).stdout();

        assertWeDecrypt(ciphertext, vault, exportedKey(gpgKey), plaintext);
    }

    @Test
    void weReadWhatGpgWritesWithDefaultOptions() throws Exception {
        // Our keys advertise only "uncompressed", so plain `gpg -e -s` does not compress.
        TestKeys.Key vault = TestKeys.vault();
        String gpgKey =
                generateGpgKey("gpg-defaults <gpg-defaults@test.invalid>", "future-default");
        gpg.succeed(null, "--import", write("vault.pub.asc", vault.publicKey().armored()));
        byte[] plaintext = ("PRAGMA journal_mode=WAL;\n".repeat(10_000))
                .getBytes(StandardCharsets.UTF_8);
        Path input = gpg.home().resolve("compressible.sql");
        Files.write(input, plaintext);

        byte[] ciphertext = gpg.succeed(null, "--trust-model", "always", "-r", vault.fingerprint(),
                "-u", gpgKey, "-s", "-e", "-o", "-", input.toString()).stdout();

        assertWeDecrypt(ciphertext, vault, exportedKey(gpgKey), plaintext);
    }

    @Test
    void anRsaEscrowKeyMadeByGpgWorksBothWays() throws Exception {
        // GnuPG 2.2's default key is RSA-3072; operators' escrow keys may well be like that.
        TestKeys.Key appliance = TestKeys.appliance();
        TestKeys.Key vault = TestKeys.vault();
        String rsaKey = generateGpgKey("gpg-rsa <gpg-rsa@test.invalid>", "rsa3072");
        gpg.succeed(null, "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-add-key", rsaKey, "rsa3072", "encr", "never");
        PgpPublicKey rsaPublic = exportedKey(rsaKey);
        gpg.succeed(null, "--import",
                write("appliance.pub.asc", appliance.generated().armoredPublicKey()));
        byte[] plaintext = new PatternInputStream(200_000, 13).readAllBytes();
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        OpenPgpEncryptor.encrypt(new ByteArrayInputStream(plaintext), ciphertext,
                List.of(vault.publicKey(), rsaPublic), appliance.secretKey(), "snapshot.tar");

        Gpg.Run run = gpg.succeed(ciphertext.toByteArray(), "--decrypt");

        assertThat(run.stdout()).isEqualTo(plaintext);
        assertThat(run.status()).contains("[GNUPG:] VALIDSIG " + appliance.fingerprint());
    }

    @Test
    void aSecretKeyExportedByGpgUnlocksAndWorksBothWays() throws Exception {
        // E.g. a vault storage key an operator made with gpg: gpg's own S2K and protection.
        byte[] passphrase = "gpg test-only passphrase".getBytes(StandardCharsets.UTF_8);
        gpg.succeed(null, "--pinentry-mode", "loopback", "--passphrase", new String(passphrase,
                        StandardCharsets.UTF_8), "--quick-gen-key",
                "gpg-secret <gpg-secret@test.invalid>", "future-default", "default", "never");
        String fingerprint = gpg.succeed(null, "--with-colons", "--list-keys",
                        "gpg-secret@test.invalid").stdoutText().lines()
                .filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow().split(":")[9];
        String exported = gpg.succeed(passphrase, "--pinentry-mode", "loopback",
                "--passphrase-fd", "0", "--armor", "--export-secret-keys", fingerprint)
                .stdoutText();

        PgpSecretKey secret = OpenPgpKeys.readSecretKey(exported,
                new String(passphrase, StandardCharsets.UTF_8).toCharArray());
        byte[] plaintext = new PatternInputStream(100_000, 14).readAllBytes();
        ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
        OpenPgpEncryptor.encrypt(new ByteArrayInputStream(plaintext), ciphertext,
                List.of(secret.publicKey()), secret, "snapshot.tar");

        assertThat(secret.fingerprint()).isEqualTo(fingerprint);
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        OpenPgpDecryptor.decrypt(new ByteArrayInputStream(ciphertext.toByteArray()), ours,
                List.of(secret), secret.publicKey(), OpenPgpDecryptor.Limits.DEFAULT);
        assertThat(ours.toByteArray()).isEqualTo(plaintext);
        Path message = gpg.home().resolve("to-gpg-secret.pgp");
        Files.write(message, ciphertext.toByteArray());
        Gpg.Run theirs = gpg.succeed(passphrase, "--pinentry-mode", "loopback",
                "--passphrase-fd", "0", "--decrypt", message.toString());
        assertThat(theirs.stdout()).isEqualTo(plaintext);
        assertThat(theirs.status()).contains("[GNUPG:] VALIDSIG " + fingerprint);
    }

    @Test
    void aCompressedMessageFromGpgIsRefused() throws Exception {
        TestKeys.Key vault = TestKeys.vault();
        String gpgKey = generateGpgKey("gpg-zlib <gpg-zlib@test.invalid>", "future-default");
        gpg.succeed(null, "--import", write("vault.pub.asc", vault.publicKey().armored()));
        Path input = gpg.home().resolve("compressible.txt");
        Files.writeString(input, "x".repeat(100_000));

        byte[] ciphertext = gpg.succeed(null, "--trust-model", "always", "-r", vault.fingerprint(),
                "-u", gpgKey, "--compress-algo", "zlib", "-z", "9", "-s", "-e", "-o", "-",
                input.toString()).stdout();

        PgpPublicKey signer = exportedKey(gpgKey);
        assertThatThrownBy(() -> OpenPgpDecryptor.decrypt(new ByteArrayInputStream(ciphertext),
                OutputStream.nullOutputStream(), List.of(vault.secretKey()), signer,
                OpenPgpDecryptor.Limits.DEFAULT))
                .isInstanceOfSatisfying(OpenPgpException.class,
                        e -> assertThat(e.reason()).isEqualTo(COMPRESSED_NOT_ALLOWED))
                .hasMessageContaining("compressed data");
    }

    private static void assertWeDecrypt(byte[] ciphertext, TestKeys.Key recipient,
                                        PgpPublicKey signer, byte[] expected) throws Exception {
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        OpenPgpDecryptor.Decrypted decrypted;
        try (InputStream in = new ByteArrayInputStream(ciphertext)) {
            decrypted = OpenPgpDecryptor.decrypt(in, plaintext, List.of(recipient.secretKey()),
                    signer, OpenPgpDecryptor.Limits.DEFAULT);
        }
        assertThat(plaintext.toByteArray()).isEqualTo(expected);
        assertThat(decrypted).isEqualTo(new OpenPgpDecryptor.Decrypted(signer.fingerprint(),
                expected.length, recipient.fingerprint()));
    }

    /** A key in gpg's keyring without a passphrase; returns its fingerprint. */
    private static String generateGpgKey(String userId, String algorithm) throws Exception {
        gpg.succeed(null, "--pinentry-mode", "loopback", "--passphrase", "",
                "--quick-gen-key", userId, algorithm, "default", "never");
        return gpg.succeed(null, "--with-colons", "--list-keys", userId).stdoutText().lines()
                .filter(line -> line.startsWith("fpr:"))
                .findFirst().orElseThrow()
                .split(":")[9];
    }

    private static PgpPublicKey exportedKey(String fingerprint) throws Exception {
        return OpenPgpKeys.readPublicKey(
                gpg.succeed(null, "--armor", "--export", fingerprint).stdoutText());
    }

    private static String write(String name, String content) throws Exception {
        Path file = gpg.home().resolve(name);
        Files.writeString(file, content);
        return file.toString();
    }
}
