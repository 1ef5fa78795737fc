package io.configvault.capture.restore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.source.SourceSpec;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vault's operator API as the restore uses it, against canned answers. */
class VaultClientTest {

    @TempDir
    Path dir;

    private CannedVault vault;
    private Path tokenFile;
    private SnapshotFixtures.Fixture snapshot;

    @BeforeEach
    void setUp() throws Exception {
        vault = CannedVault.start();
        tokenFile = Files.writeString(dir.resolve("token"), CannedVault.TOKEN + "\n");
        Path conf = Files.writeString(dir.resolve("app.conf"), "x=1\n");
        snapshot = SnapshotFixtures.capture(dir.resolve("snapshot"), SnapshotFixtures.APPLIANCE,
                List.of(new SourceSpec("app.conf", SourceKind.FILE, conf, false)));
    }

    @AfterEach
    void tearDown() {
        vault.close();
    }

    @Test
    void theLatestSnapshotIsTheFirstOfTheListingAndDownloadsWhole() throws Exception {
        vault.serve(snapshot);
        try (VaultClient client = client(CannedVault.TOKEN)) {
            ListedSnapshot latest = client.latest(SnapshotFixtures.APPLIANCE);

            assertThat(latest.id()).isEqualTo(snapshot.id());
            assertThat(latest.sha256()).isEqualTo(snapshot.listedSha256());
            assertThat(client.snapshot(snapshot.id())).isEqualTo(latest);
            Path bundle = dir.resolve("bundle.tar");
            assertThat(client.download(latest, bundle)).isEqualTo(Sha256.of(snapshot.bundle()));
            assertThat(bundle).hasSameBinaryContentAs(snapshot.bundle());
        }
        assertThat(vault.requests).containsExactly(
                "/api/v1/appliances/nas-17/snapshots?limit=1",
                "/api/v1/snapshots/" + snapshot.id(),
                "/api/v1/snapshots/" + snapshot.id() + "/content");
    }

    @Test
    void aRefusedTokenIsNamedByItsFileNeverShown() throws Exception {
        vault.serve(snapshot);
        try (VaultClient client = client("wrong-token-9a8b7c")) {
            assertThatThrownBy(() -> client.latest(SnapshotFixtures.APPLIANCE))
                    .isInstanceOfSatisfying(RestoreException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.VAULT))
                    .hasMessage("the vault refused the token in " + tokenFile + " (401): A valid"
                            + " bearer token is required.")
                    .message().doesNotContain("wrong-token-9a8b7c");
        }
    }

    @Test
    void anUnknownSnapshotGivesTheVaultsReason() throws Exception {
        SnapshotId unknown = SnapshotId.mint(Clock.systemUTC());
        vault.problem("/api/v1/snapshots/" + unknown, 404, "No snapshot " + unknown + ".");
        try (VaultClient client = client(CannedVault.TOKEN)) {
            assertThatThrownBy(() -> client.snapshot(unknown))
                    .hasMessage("the vault answered 404: No snapshot " + unknown + ".");
        }
    }

    @Test
    void anApplianceWithoutSnapshotsHasNoLatest() throws Exception {
        vault.json("/api/v1/appliances/nas-17/snapshots?limit=1", "{\"items\":[]}");
        try (VaultClient client = client(CannedVault.TOKEN)) {
            assertThatThrownBy(() -> client.latest("nas-17"))
                    .hasMessage("the vault lists no snapshot of appliance nas-17");
        }
    }

    @Test
    void aDownloadLargerThanListedIsCutOffAndAShorterOneIsIncomplete() throws Exception {
        vault.serve(snapshot);
        byte[] bundle = Files.readAllBytes(snapshot.bundle());
        String content = "/api/v1/snapshots/" + snapshot.id() + "/content";
        try (VaultClient client = client(CannedVault.TOKEN)) {
            ListedSnapshot listed = client.snapshot(snapshot.id());

            vault.bytes(content, Arrays.copyOf(bundle, bundle.length + 1));
            assertThatThrownBy(() -> client.download(listed, dir.resolve("long.tar")))
                    .isInstanceOfSatisfying(RestoreException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED))
                    .hasMessage("the vault sent more than the " + bundle.length
                            + " bytes it lists for the bundle");

            vault.bytes(content, Arrays.copyOf(bundle, 1000));
            assertThatThrownBy(() -> client.download(listed, dir.resolve("short.tar")))
                    .isInstanceOfSatisfying(RestoreException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.VAULT))
                    .hasMessage("the download of the bundle ended after 1000 of "
                            + bundle.length + " bytes");
        }
    }

    @Test
    void anUnreachableVaultIsAVaultError() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        URI nowhere = URI.create("http://127.0.0.1:" + port);
        try (VaultClient client = new VaultClient(nowhere, CannedVault.TOKEN, tokenFile,
                Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> client.latest("nas-17"))
                    .isInstanceOfSatisfying(RestoreException.class,
                            e -> assertThat(e.exitCode()).isEqualTo(ExitCode.VAULT))
                    .hasMessageStartingWith("cannot reach the vault at " + nowhere + " (");
        }
    }

    @Test
    void theTokenFileHoldsOneToken() throws Exception {
        assertThat(VaultClient.readToken(tokenFile)).isEqualTo(CannedVault.TOKEN);
        Path two = Files.writeString(dir.resolve("two"), "a b\n");
        assertThatThrownBy(() -> VaultClient.readToken(two))
                .hasMessage("the vault token file " + two + " does not hold one token"
                        + " (capture.restore.token-file)")
                .message().doesNotContain("a b");
    }

    private VaultClient client(String token) {
        return new VaultClient(vault.uri(), token, tokenFile, Duration.ofSeconds(10));
    }
}
