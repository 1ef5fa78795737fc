package io.configvault.capture.enrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.EnrolmentProperties;
import io.configvault.capture.config.InvalidConfigurationException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EnrolmentPropertiesTest {

    @Test
    void onlyHttpAndHttpsBaseUrlsWithoutCredentialsAreAccepted() {
        assertThat(properties("https://vault.example:8443/cv").vaultUri()).hasValueSatisfying(
                uri -> assertThat(uri.getHost()).isEqualTo("vault.example"));
        assertThat(properties(" ").vaultUri()).isEmpty();
        for (String bad : new String[] {"ftp://vault", "vault.example", "https://u:p@vault",
                "https://vault/?token=x"}) {
            assertThatThrownBy(() -> properties(bad)).as(bad)
                    .isInstanceOf(InvalidConfigurationException.class)
                    .hasMessage("Cannot start capture: the vault URL must be an http or https URL"
                            + " such as https://vault.example:8443 (capture.enrolment.vault-url)");
        }
    }

    @Test
    void theExpectedFingerprintIsNormalisedAndChecked() {
        assertThat(new EnrolmentProperties(null, null,
                "0123 4567 89ab cdef 0123  4567 89AB CDEF 0123 4567", Duration.ofSeconds(1))
                .expectedIngestFingerprint())
                .contains("0123456789ABCDEF0123456789ABCDEF01234567");
        assertThatThrownBy(() -> new EnrolmentProperties(null, null, "0123",
                Duration.ofSeconds(1)))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the ingest key fingerprint must be 40 hex"
                        + " digits (capture.enrolment.ingest-fingerprint)");
    }

    private static EnrolmentProperties properties(String url) {
        return new EnrolmentProperties(url, null, null, Duration.ofSeconds(30));
    }
}
