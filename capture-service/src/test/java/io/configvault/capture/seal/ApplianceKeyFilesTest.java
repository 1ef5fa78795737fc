package io.configvault.capture.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.shared.crypto.PgpSecretKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** First start: the appliance generates its own signing key, private from its first byte. */
class ApplianceKeyFilesTest {

    @TempDir
    Path dir;

    @Test
    void generatesTheKeyAndARandomPassphraseNextToItOnFirstStartBothMode0600() throws Exception {
        Path keyFile = dir.resolve("keys/appliance.key.asc");
        KeyProperties properties = properties(keyFile, null);

        PgpSecretKey generated = ApplianceKeyFiles.loadOrGenerate(properties,
                "ConfigVault appliance nas-17", name -> null);

        Path passphrase = dir.resolve("keys/appliance.key.asc.passphrase");
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
        assertThat(mode(keyFile)).as("key file mode").isEqualTo("rw-------");
        assertThat(mode(passphrase)).as("passphrase file mode").isEqualTo("rw-------");
        assertThat(mode(keyFile.getParent())).as("key directory mode").isEqualTo("rwx------");
        assertThat(Files.readString(passphrase).strip()).hasSize(43);
        assertThat(generated.publicKey().userId()).isEqualTo("ConfigVault appliance nas-17");
        try (var leftovers = Files.list(keyFile.getParent())) {
            assertThat(leftovers).as("no temporary files left").hasSize(2);
        }

        PgpSecretKey again = ApplianceKeyFiles.loadOrGenerate(properties, "ignored",
                name -> null);
        assertThat(again.fingerprint()).as("the second start loads the same key")
                .isEqualTo(generated.fingerprint());
    }

    @Test
    void aConfiguredPassphraseFileThatDoesNotExistYetIsCreatedThere() throws Exception {
        Path keyFile = dir.resolve("appliance.key.asc");
        Path passphrase = dir.resolve("secrets/appliance.pass");

        ApplianceKeyFiles.loadOrGenerate(properties(keyFile, passphrase), "nas-17",
                name -> null);

        assertThat(mode(passphrase)).isEqualTo("rw-------");
        assertThat(dir.resolve("appliance.key.asc.passphrase")).doesNotExist();
    }

    @Test
    void aPassphraseFromTheEnvironmentIsUsedAndNoFileIsWritten() throws Exception {
        Path keyFile = dir.resolve("appliance.key.asc");
        Map<String, String> env = Map.of("CAPTURE_KEY_PASSPHRASE", "from the environment");

        PgpSecretKey generated = ApplianceKeyFiles.loadOrGenerate(properties(keyFile, null),
                "nas-17", env::get);

        assertThat(dir.resolve("appliance.key.asc.passphrase")).doesNotExist();
        assertThat(ApplianceKeyFiles.loadOrGenerate(properties(keyFile, null), "nas-17",
                env::get).fingerprint()).isEqualTo(generated.fingerprint());
        assertThatThrownBy(() -> ApplianceKeyFiles.loadOrGenerate(properties(keyFile, null),
                "nas-17", Map.of("CAPTURE_KEY_PASSPHRASE", "another one")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("wrong passphrase")
                .hasMessageEndingWith("(capture.keys.passphrase-file / CAPTURE_KEY_PASSPHRASE)")
                .message().doesNotContain("another one");
    }

    @Test
    void anExistingKeyWithoutItsPassphraseIsNotReplaced() throws Exception {
        Path keyFile = dir.resolve("appliance.key.asc");
        ApplianceKeyFiles.loadOrGenerate(properties(keyFile, null), "nas-17", name -> null);
        String key = Files.readString(keyFile);
        Files.delete(dir.resolve("appliance.key.asc.passphrase"));

        assertThatThrownBy(() -> ApplianceKeyFiles.loadOrGenerate(properties(keyFile, null),
                "nas-17", name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: no passphrase for the appliance signing key;"
                        + " set a passphrase file or the environment variable"
                        + " CAPTURE_KEY_PASSPHRASE (capture.keys.passphrase-file)");
        assertThat(Files.readString(keyFile)).isEqualTo(key);
    }

    @Test
    void aKeyDirectoryThatCannotBeCreatedNamesTheSetting() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");
        KeyProperties properties = properties(blocker.resolve("appliance.key.asc"), null);

        assertThatThrownBy(() -> ApplianceKeyFiles.loadOrGenerate(properties, "nas-17",
                Map.of("CAPTURE_KEY_PASSPHRASE", "p")::get))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: cannot create the appliance signing key file "
                        + blocker.resolve("appliance.key.asc")
                        + " (FileAlreadyExistsException) (capture.keys.signing-key-file)");
    }

    private KeyProperties properties(Path keyFile, Path passphrase) {
        return new KeyProperties(keyFile.toString(),
                passphrase == null ? null : passphrase.toString(),
                dir.resolve("ingest.pub.asc").toString());
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
