package io.configvault.capture.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.config.EnrolmentProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.KeyProperties;
import io.configvault.capture.enrol.Enrolment;
import io.configvault.capture.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SealingKeysFactoryTest {

    @TempDir
    Path dir;

    private final TestKeys keys = TestKeys.get();
    private TestKeys.KeyFiles files;

    @BeforeEach
    void writeKeys() throws Exception {
        files = keys.writeTo(dir);
    }

    @Test
    void loadsBothKeysWithThePassphraseFromAFile() {
        SealingKeys loaded = load(properties(files.passphrase()), name -> null);

        assertThat(loaded.appliance().fingerprint()).isEqualTo(keys.appliance.fingerprint());
        assertThat(loaded.ingest().fingerprint()).isEqualTo(keys.ingest.fingerprint());
        assertThat(loaded.toString()).doesNotContain("PRIVATE", TestKeys.APPLIANCE_PASSPHRASE);
    }

    @Test
    void takesThePassphraseFromTheEnvironmentWhenNoFileIsSet() {
        Map<String, String> env = Map.of("CAPTURE_KEY_PASSPHRASE", TestKeys.APPLIANCE_PASSPHRASE);

        SealingKeys loaded = load(properties(null), env::get);

        assertThat(loaded.appliance().fingerprint()).isEqualTo(keys.appliance.fingerprint());
    }

    @Test
    void refusesToStartWithoutAPassphrase() {
        assertThatThrownBy(() -> load(properties(null), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: no passphrase for the appliance signing key;"
                        + " set a passphrase file or the environment variable"
                        + " CAPTURE_KEY_PASSPHRASE (capture.keys.passphrase-file)");
    }

    @Test
    void aWrongPassphraseNamesTheSettingButNeverThePassphrase() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong.pass"), "not-the-passphrase");

        assertThatThrownBy(() -> load(properties(wrong), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Cannot start capture: the appliance signing key in "
                        + files.signingKey() + " is unusable: ")
                .hasMessageContaining("wrong passphrase")
                .hasMessageEndingWith("(capture.keys.passphrase-file / CAPTURE_KEY_PASSPHRASE)")
                .message().doesNotContain("not-the-passphrase");
    }

    @Test
    void aMissingKeyFileNamesTheSetting() throws Exception {
        Files.delete(files.ingestPublicKey());

        assertThatThrownBy(() -> load(properties(files.passphrase()), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault ingest public key file "
                        + files.ingestPublicKey() + " does not exist; provide it, or set"
                        + " capture.enrolment.vault-url to enrol with the vault"
                        + " (capture.keys.ingest-public-key-file)");
    }

    @Test
    void aSecretKeyWhereThePublicKeyBelongsIsRefused() throws Exception {
        Files.writeString(files.ingestPublicKey(), keys.ingest.armoredSecretKey());

        assertThatThrownBy(() -> load(properties(files.passphrase()), name -> null))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageStartingWith("Cannot start capture: the vault ingest public key in ")
                .hasMessageEndingWith("(capture.keys.ingest-public-key-file)");
    }

    private SealingKeys load(KeyProperties properties, UnaryOperator<String> environment) {
        CaptureProperties capture = new CaptureProperties("nas-17", "lab", null,
                dir.resolve("data").toString(), 1 << 20);
        Enrolment noEnrolment = new Enrolment(new EnrolmentProperties(null, null, null,
                Duration.ofSeconds(30)), request -> {
                    throw new AssertionError("no enrolment without a vault URL");
                });
        return SealingKeysFactory.load(properties, capture, noEnrolment, Clock.systemUTC(),
                environment);
    }

    private KeyProperties properties(Path passphrase) {
        return new KeyProperties(files.signingKey().toString(),
                passphrase == null ? null : passphrase.toString(),
                files.ingestPublicKey().toString());
    }
}
