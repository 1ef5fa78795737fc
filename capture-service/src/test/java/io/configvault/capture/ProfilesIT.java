package io.configvault.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.snapshot.SnapshotCapture;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.AgentConfig;
import io.configvault.capture.testing.ApplianceFixtures;
import io.configvault.capture.testing.TestKeys;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.shared.snapshot.Trigger;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.yaml.YamlPropertySourceLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped profiles ({@code deploy/profiles/*.yml}) as the agent loads them, against
 * realistic appliance fixtures under a temporary root: the profile's absolute paths are moved
 * under that root by text substitution, nothing else changes. Each test takes a snapshot through
 * the real pipeline, outbox and sealing, then decrypts it as the vault would and checks the
 * manifest. No broker is needed (nothing is published).
 */
class ProfilesIT {

    @TempDir
    Path dir;

    @Test
    void truenasWithoutTheSecretSeedIsNotRestorableAndSaysWhy() throws Exception {
        Path root = ApplianceFixtures.truenas(dir.resolve("root"));

        Snapshot snapshot = capture("truenas.yml", root, Map.of());

        assertThat(snapshot.manifest().entries()).extracting(ProfilesIT::describe).containsExactly(
                "data/freenas-v1.db sqlite sensitive",
                "etc/ssh/ssh_host_ecdsa_key directory sensitive 0600",
                "etc/ssh/ssh_host_ecdsa_key.pub directory sensitive 0644",
                "etc/ssh/ssh_host_ed25519_key directory sensitive 0600",
                "etc/ssh/ssh_host_ed25519_key.pub directory sensitive 0644",
                "etc/ssh/ssh_host_rsa_key directory sensitive 0600",
                "etc/ssh/ssh_host_rsa_key.pub directory sensitive 0644",
                "root/.ssh/authorized_keys file public 0600");
        String reason = "required source 'data/pwenc_secret' (" + root.resolve("data/pwenc_secret")
                + ") is missing: it is disabled by capture.sources[1].enabled (the password secret"
                + " seed, without which a restore to a new device cannot decrypt the stored"
                + " passwords (set capture.profile.include-secret-seed to true))";
        assertThat(snapshot.manifest().restorable()).isFalse();
        assertThat(snapshot.manifest().notRestorableReason()).isEqualTo(reason);
        assertThat(snapshot.restorability()).isEqualTo(new AgentStatus.Restorability(false,
                reason));
        Path database = Files.write(dir.resolve("restored.db"),
                snapshot.contents().get("data/freenas-v1.db"));
        assertThat(ApplianceFixtures.truenasUsers(database)).containsExactly("root", "admin");
        assertThat(snapshot.text("root/.ssh/authorized_keys")).startsWith("ssh-ed25519 ");
    }

    @Test
    void truenasWithTheSecretSeedIsRestorable() throws Exception {
        Path root = ApplianceFixtures.truenas(dir.resolve("root"));

        Snapshot snapshot = capture("truenas.yml", root,
                Map.of("capture.profile.include-secret-seed", "true"));

        assertThat(snapshot.manifest().entries()).extracting(ProfilesIT::describe)
                .contains("data/pwenc_secret file sensitive 0600").hasSize(9);
        assertThat(snapshot.contents().get("data/pwenc_secret"))
                .isEqualTo(Files.readAllBytes(root.resolve("data/pwenc_secret")));
        assertThat(snapshot.manifest().restorable()).isTrue();
        assertThat(snapshot.manifest().notRestorableReason()).isNull();
    }

    @Test
    void truenasWithoutOptionalPartsIsStillRestorable() throws Exception {
        Path root = ApplianceFixtures.truenas(dir.resolve("root"));
        Files.delete(root.resolve("root/.ssh/authorized_keys"));

        Snapshot snapshot = capture("truenas.yml", root,
                Map.of("capture.profile.include-secret-seed", "true"));

        assertThat(snapshot.manifest().entry("root/.ssh/authorized_keys")).isEmpty();
        assertThat(snapshot.manifest().restorable()).isTrue();
    }

    @Test
    void passboltCapturesTheDumpTheKeysTheConfigurationAndTheAvatars() throws Exception {
        Path root = ApplianceFixtures.passbolt(dir.resolve("root"));

        Snapshot snapshot = capture("passbolt.yml", root, Map.of());

        assertThat(snapshot.manifest().entries()).extracting(ProfilesIT::describe).containsExactly(
                "passbolt.sql command sensitive 0600",
                "etc/passbolt/gpg/serverkey.asc file sensitive 0644",
                "etc/passbolt/gpg/serverkey_private.asc file sensitive 0640",
                "etc/passbolt/jwt/jwt.key directory sensitive 0640",
                "etc/passbolt/jwt/jwt.pem directory sensitive 0640",
                "etc/passbolt/passbolt.php directory sensitive 0640",
                "usr/share/php/passbolt/webroot/img/public/Avatar/0f/4a/ada.png directory public"
                        + " 0644",
                "usr/share/php/passbolt/webroot/img/public/Avatar/7c/91/grace.jpg directory public"
                        + " 0644");
        assertThat(snapshot.manifest().restorable()).isTrue();
        assertThat(snapshot.text("passbolt.sql"))
                .startsWith("-- MariaDB dump 10.19  Distrib 10.11.6-MariaDB")
                .contains("-- Host: localhost    Database: passbolt")
                .contains("CREATE TABLE `secrets`")
                .contains("-- options: --single-transaction --quick --no-tablespaces"
                        + " --default-character-set=utf8mb4")
                .doesNotContain("hunter2");
        assertThat(snapshot.text("etc/passbolt/gpg/serverkey_private.asc"))
                .startsWith("-----BEGIN PGP PRIVATE KEY BLOCK-----");
    }

    @Test
    void passboltWithoutItsSecretKeyOrAvatarsFolder() throws Exception {
        Path root = ApplianceFixtures.passbolt(dir.resolve("root"));
        Files.delete(root.resolve("etc/passbolt/gpg/serverkey_private.asc"));
        ApplianceFixtures.deleteTree(root.resolve("usr/share/php/passbolt/webroot/img/public"));

        Snapshot snapshot = capture("passbolt.yml", root, Map.of());

        assertThat(snapshot.manifest().entries()).extracting(ManifestEntry::name)
                .containsExactly("passbolt.sql", "etc/passbolt/gpg/serverkey.asc",
                        "etc/passbolt/jwt/jwt.key", "etc/passbolt/jwt/jwt.pem",
                        "etc/passbolt/passbolt.php");
        assertThat(snapshot.manifest().notRestorableReason()).isEqualTo("required source"
                + " 'etc/passbolt/gpg/serverkey_private.asc' ("
                + root.resolve("etc/passbolt/gpg/serverkey_private.asc") + ") is missing: it does"
                + " not exist (the server's secret OpenPGP key)");
    }

    /** A decrypted snapshot and what the agent reported about it. */
    private record Snapshot(Manifest manifest, Map<String, byte[]> contents,
                            AgentStatus.Restorability restorability) {
        String text(String name) {
            return new String(contents.get(name), StandardCharsets.UTF_8);
        }
    }

    /**
     * Starts the agent with the profile (paths moved under {@code root}) and the test's
     * settings, takes one snapshot and reads it back from the outbox.
     */
    private Snapshot capture(String profile, Path root, Map<String, Object> overrides)
            throws Exception {
        Map<String, Object> properties = new HashMap<>(AgentConfig.of("appliance-1", dir,
                dir.resolve("unused.db"), "127.0.0.1:9", "profiles-it"));
        properties.keySet().removeIf(key -> key.startsWith("capture.sources"));
        properties.putAll(overrides);
        try (ApplicationContext context = ApplicationContext.builder()
                .propertySources(profileSource(profile, root))
                .properties(properties)
                .start()) {
            context.getBean(SnapshotCapture.class).capture(Trigger.MANUAL, null);
            Path sealed = context.getBean(Outbox.class).oldest().orElseThrow().spoolFile();
            Map<String, byte[]> contents = new HashMap<>();
            Manifest manifest = BundleReader.read(decrypt(sealed), BundleLimits.DEFAULT,
                    (entry, content) -> contents.put(entry.name(), content.readAllBytes()));
            return new Snapshot(manifest, contents,
                    context.getBean(AgentStatus.class).restorability().orElseThrow());
        }
    }

    /** The profile file, read as Micronaut reads a config file, its paths moved under root. */
    private static PropertySource profileSource(String profile, Path root) throws Exception {
        String yaml = ApplianceFixtures.profile(profile, root);
        Map<String, Object> values = new YamlPropertySourceLoader().read(profile,
                new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
        // Ranked below the test's own settings, which stand for -D and environment overrides:
        // Micronaut resolves the placeholders of a source while it processes the sources in
        // order, so a source ranked at or above them would see only its own switch.
        // (The agent gets the profile from micronaut.config.files, where -D and environment
        // overrides of capture.profile.* win the same way; ApplicationLaunchIT runs that.)
        return PropertySource.of("profile-" + profile, values, -100);
    }

    private static InputStream decrypt(Path sealed) throws Exception {
        TestKeys keys = TestKeys.get();
        ByteArrayOutputStream bundle = new ByteArrayOutputStream();
        try (InputStream in = Files.newInputStream(sealed)) {
            OpenPgpDecryptor.decrypt(in, bundle, List.of(keys.ingestSecret()),
                    keys.appliancePublic(), OpenPgpDecryptor.Limits.DEFAULT);
        }
        return new ByteArrayInputStream(bundle.toByteArray());
    }

    private static String describe(ManifestEntry entry) {
        String text = entry.name() + " " + entry.kind().wireName() + " "
                + (entry.sensitive() ? "sensitive" : "public");
        return switch (entry.kind()) {
            case SQLITE -> text;
            default -> text + " " + String.format("%04o", entry.mode());
        };
    }
}
