package io.configvault.shared.crypto;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.util.io.Streams;

/**
 * Writes the known-answer fixtures under {@code src/test/resources/crypto/} ONCE. Not a test:
 * the committed files are the point, and regenerating them changes every fingerprint in
 * {@link OpenPgpKnownAnswerTest}. Kept so that the next fixture (e.g. for a new format version)
 * is made the same way. Needs gpg on PATH.
 *
 * <pre>
 * java -cp target/test-classes:target/classes:$(deps) \
 *     io.configvault.shared.crypto.KnownAnswerFixtures src/test/resources/crypto
 * </pre>
 */
final class KnownAnswerFixtures {

    static final String PASSPHRASE = "TEST ONLY - ConfigVault known-answer fixture";
    static final String COMMENT = "TEST ONLY - ConfigVault test fixture, never use for real data";

    /** Text, then every byte value: a binary literal, not a text one. */
    static byte[] plaintext() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("ConfigVault known-answer plaintext (TEST ONLY)\n"
                .getBytes(StandardCharsets.UTF_8));
        for (int b = 0; b < 256; b++) {
            out.write(b);
        }
        return out.toByteArray();
    }

    private KnownAnswerFixtures() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        char[] passphrase = PASSPHRASE.toCharArray();
        OpenPgpKeys.GeneratedKey vault = OpenPgpKeys.generate(
                "vault-ingest TEST ONLY <vault-ingest@test-only.invalid>", passphrase);
        OpenPgpKeys.GeneratedKey appliance = OpenPgpKeys.generate(
                "appliance nas-kat TEST ONLY <nas-kat@test-only.invalid>", passphrase);
        write(dir.resolve("test-only-vault.pub.asc"), vault.armoredPublicKey());
        write(dir.resolve("test-only-vault.sec.asc"), vault.armoredSecretKey());
        write(dir.resolve("test-only-appliance.pub.asc"), appliance.armoredPublicKey());

        PgpPublicKey vaultPublic = OpenPgpKeys.readPublicKey(vault.armoredPublicKey());
        PgpSecretKey applianceSecret = OpenPgpKeys.readSecretKey(appliance.armoredSecretKey(),
                passphrase);
        try (var out = Files.newOutputStream(dir.resolve("known-answer.bc.pgp"))) {
            OpenPgpEncryptor.encrypt(new ByteArrayInputStream(plaintext()), out,
                    List.of(vaultPublic), applianceSecret, "known-answer.bin");
        }

        try (Gpg gpg = Gpg.start()) {
            gpg.succeed(null, "--pinentry-mode", "loopback", "--passphrase", "",
                    "--quick-gen-key", "gpg signer TEST ONLY <gpg-signer@test-only.invalid>",
                    "future-default", "sign", "never");
            String signer = gpg.succeed(null, "--with-colons", "--list-keys").stdoutText().lines()
                    .filter(line -> line.startsWith("fpr:")).findFirst().orElseThrow()
                    .split(":")[9];
            write(dir.resolve("test-only-gpg-signer.pub.asc"),
                    gpg.succeed(null, "--armor", "--export", signer).stdoutText());
            gpg.succeed(vault.armoredPublicKey().getBytes(StandardCharsets.US_ASCII), "--import");
            Path plain = gpg.home().resolve("known-answer.bin");
            Files.write(plain, plaintext());
            gpg.succeed(null, "--trust-model", "always", "--recipient", vault.fingerprint(),
                    "--local-user", signer, "--sign", "--encrypt",
                    "--output", dir.resolve("known-answer.gpg.pgp").toString(), plain.toString());
            System.out.println("gpg signer " + signer + " (" + gpg.version() + ")");
        }
        System.out.println("vault " + vault.fingerprint() + ", appliance "
                + appliance.fingerprint());
    }

    /** Re-armors with a TEST ONLY comment so nobody mistakes the file for a real key. */
    private static void write(Path file, String armored) throws IOException, OpenPgpException {
        byte[] binary;
        try (InputStream in = Armor.dearmor(armored)) {
            binary = Streams.readAll(in);
        }
        Files.writeString(file, Armor.armor(out -> out.write(binary), List.of(COMMENT)));
    }
}
