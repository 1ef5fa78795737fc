package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.InvalidConfigurationException;
import io.configvault.capture.config.RestoreProperties;
import io.configvault.shared.snapshot.SnapshotId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line and the {@code capture.restore.*} settings. */
class RestoreArgumentsTest {

    private static final String ID = "01977420-dc00-7e38-b8fa-20891b22ba43";

    @Test
    void readsTheSnapshotAndTheFlags() {
        assertThat(RestoreArguments.parse(List.of("--snapshot", ID)))
                .isEqualTo(new RestoreArguments(SnapshotId.parse(ID), false, true));
        assertThat(RestoreArguments.parse(List.of("--dry-run", "--snapshot=latest")))
                .isEqualTo(new RestoreArguments(null, true, true));
        assertThat(RestoreArguments.parse(List.of("--snapshot", "latest",
                "--no-pre-restore-snapshot")))
                .isEqualTo(new RestoreArguments(null, false, false));
    }

    @Test
    void refusesAnythingElse() {
        assertThatThrownBy(() -> RestoreArguments.parse(List.of()))
                .hasMessage("--snapshot is required");
        assertThatThrownBy(() -> RestoreArguments.parse(List.of("--snapshot")))
                .hasMessage("unknown or incomplete argument '--snapshot'");
        assertThatThrownBy(() -> RestoreArguments.parse(List.of("--snapshot", ID, "--force")))
                .hasMessage("unknown or incomplete argument '--force'");
        assertThatThrownBy(() -> RestoreArguments.parse(List.of("--snapshot",
                ID.toUpperCase())))
                .hasMessage("--snapshot takes a snapshot id (lower-case UUIDv7) or 'latest', not '"
                        + ID.toUpperCase() + "'");
    }

    @Test
    void theVaultUrlIsAPlainHttpUrl() {
        assertThat(properties("https://vault.example.net:8480/").vaultUri())
                .isEqualTo(URI.create("https://vault.example.net:8480"));
        assertThatThrownBy(() -> properties("https://admin:secret@vault.example.net"))
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessage("Cannot start capture: the vault URL must be http(s)://host[:port]"
                        + "[/path], without user, query or fragment (capture.restore.vault-url)")
                .message().doesNotContain("secret");
        assertThatThrownBy(() -> properties("ftp://vault"))
                .hasMessageEndingWith("(capture.restore.vault-url)");
    }

    @Test
    void aHookIsAProgramAndItsArguments() {
        assertThatThrownBy(() -> new RestoreProperties("http://vault", "/t", List.of(" "),
                null, Duration.ofMinutes(5), Duration.ofMinutes(10)))
                .hasMessage("Cannot start capture: the hook's program is empty"
                        + " (capture.restore.pre-hook)");
        assertThat(new RestoreProperties("http://vault", "/t", null, List.of("true"),
                Duration.ofMinutes(5), Duration.ofMinutes(10)).postHook())
                .containsExactly("true");
    }

    private static RestoreProperties properties(String url) {
        return new RestoreProperties(url, "/etc/configvault/token", null, null,
                Duration.ofMinutes(5), Duration.ofMinutes(10));
    }
}
