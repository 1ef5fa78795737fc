package io.configvault.agentpackage;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.stack.StackRoot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/systemd: the unit's sandbox, and per profile that its drop-in grants read access to
 * every source path of deploy/profiles/&lt;profile&gt;.yml, nothing it does not need, and no
 * writable path but the state directory. {@code systemd-analyze verify} checks both files as
 * systemd reads them.
 */
class SystemdUnitTest {

    private static final Path ROOT = StackRoot.locate().dir();
    private static final Path SYSTEMD = ROOT.resolve("deploy/systemd");
    private static final Path UNIT = SYSTEMD.resolve("configvault-agent.service");
    private static final String STATE = "/var/lib/configvault-agent";
    /** Read by a source's program, not captured: the dump's connection to the database. */
    private static final List<String> SUPPORT_PATHS = List.of("/run/mysqld");

    @Test
    void theUnitRunsTheLauncherAsItsOwnUserInASandbox() throws IOException {
        UnitFile unit = UnitFile.read(UNIT);

        assertThat(unit.value("Service.ExecStart"))
                .isEqualTo("/opt/configvault-agent/current/bin/configvault-agent run");
        assertThat(unit.value("Service.User")).isEqualTo("configvault-agent");
        assertThat(unit.value("Service.StateDirectory")).isEqualTo("configvault-agent");
        assertThat(unit.value("Service.RestartPreventExitStatus")).isEqualTo("2");
        for (String yes : List.of("NoNewPrivileges", "PrivateTmp", "PrivateDevices",
                "ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs",
                "ProtectControlGroups", "ProtectClock", "RestrictNamespaces", "RestrictSUIDSGID")) {
            assertThat(unit.value("Service." + yes)).as(yes).isEqualTo("yes");
        }
        assertThat(unit.value("Service.ProtectSystem")).isEqualTo("strict");
        assertThat(unit.value("Service.ProtectHome")).isEqualTo("yes");
        assertThat(unit.words("Service.RestrictAddressFamilies"))
                .containsExactly("AF_INET", "AF_INET6", "AF_UNIX");
        assertThat(unit.value("Service.SystemCallFilter")).isEqualTo("@system-service");
        assertThat(unit.has("Service.CapabilityBoundingSet")).isTrue();
        assertThat(unit.words("Service.CapabilityBoundingSet")).isEmpty();
        assertThat(unit.words("Service.AmbientCapabilities")).isEmpty();
        assertThat(unit.value("Service.MemoryMax")).isNotEmpty();
        assertThat(unit.words("Service.ReadWritePaths")).isEmpty();

        SandboxView view = new SandboxView(unit);
        assertThat(view.writableGrants()).containsExactly(STATE);
        for (String secret : List.of("/etc/shadow", "/etc/ssh/ssh_host_ed25519_key", "/root/x",
                "/home/admin/.ssh/id_ed25519", "/var/lib/mysql/ibdata1",
                "/etc/passbolt/passbolt.php", "/mnt/tank/share/file", "/run/secrets/x")) {
            assertThat(view.readable(secret)).as(secret).isFalse();
        }
        for (String needed : List.of("/opt/configvault-agent/current/bin/configvault-agent",
                "/etc/configvault/agent.yml", STATE + "/outbox.db", "/etc/resolv.conf",
                "/usr/lib/x86_64-linux-gnu/libz.so.1")) {
            assertThat(view.readable(needed)).as(needed).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"truenas", "passbolt"})
    void aProfileDropInGrantsExactlyTheProfilesSources(String profile) throws IOException {
        UnitFile unit = UnitFile.read(UNIT, dropIn(profile));
        SandboxView view = new SandboxView(unit);
        List<String> sources = sourcePaths(profile);

        assertThat(sources).isNotEmpty();
        for (String source : sources) {
            assertThat(view.readable(source)).as("%s can read %s", profile, source).isTrue();
            assertThat(view.writable(source)).as("%s can write %s", profile, source).isFalse();
        }
        SandboxView base = new SandboxView(UnitFile.read(UNIT));
        for (String grant : view.readOnlyGrants()) {
            if (!base.readOnlyGrants().contains(grant)) {
                assertThat(sources.stream().anyMatch(s -> SandboxView.under(s, grant))
                        || SUPPORT_PATHS.contains(grant))
                        .as("%s grants %s, which no source of the profile needs", profile, grant)
                        .isTrue();
            }
        }
        assertThat(view.writableGrants()).containsExactly(STATE);
        assertThat(unit.words("Service.CapabilityBoundingSet"))
                .containsExactly("CAP_DAC_READ_SEARCH");
        assertThat(unit.words("Service.AmbientCapabilities"))
                .containsExactly("CAP_DAC_READ_SEARCH");
        // Of several assignments of one variable, the last one counts.
        assertThat(unit.words("Service.Environment"))
                .filteredOn(word -> word.startsWith("CONFIGVAULT_AGENT_CONFIG="))
                .last().isEqualTo("CONFIGVAULT_AGENT_CONFIG=/etc/configvault/profiles/" + profile
                        + ".yml,/etc/configvault/agent.yml");
    }

    @ParameterizedTest
    @ValueSource(strings = {"truenas", "passbolt"})
    @SuppressWarnings("unchecked")
    void theExampleConfigurationWritesOnlyWhereTheSandboxAllows(String profile) throws IOException {
        SandboxView view = new SandboxView(UnitFile.read(UNIT, dropIn(profile)));
        Map<String, Object> capture;
        try (InputStream in = Files.newInputStream(ROOT.resolve(
                "deploy/agent-package/src/package/config/" + profile + "/agent.yml"))) {
            capture = (Map<String, Object>) new Yaml().<Map<String, Object>>load(in).get("capture");
        }
        Map<String, Object> keys = (Map<String, Object>) capture.get("keys");
        Map<String, Object> enrolment = (Map<String, Object>) capture.get("enrolment");
        // The agent creates these on its first start.
        for (Object written : List.of(capture.get("data-dir"), keys.get("signing-key-file"),
                keys.get("ingest-public-key-file"))) {
            assertThat(view.writable((String) written)).as("%s writes %s", profile, written)
                    .isTrue();
        }
        String token = (String) enrolment.get("token-file");
        assertThat(view.readable(token)).isTrue();
        assertThat(view.writable(token)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"truenas", "passbolt"})
    void systemdAcceptsTheUnitWithTheDropIn(String profile, @TempDir Path dir) throws Exception {
        // verify also checks that ExecStart's program exists: point it at the launcher's source.
        Path launcher = ROOT.resolve("deploy/agent-package/src/package/bin/configvault-agent");
        Path unit = dir.resolve("configvault-agent.service");
        Files.writeString(unit, Files.readString(UNIT).replace(
                "/opt/configvault-agent/current/bin/configvault-agent", launcher.toString()));
        Files.createDirectories(dir.resolve("configvault-agent.service.d"));
        Files.copy(dropIn(profile), dir.resolve("configvault-agent.service.d/" + profile + ".conf"));

        Process verify = new ProcessBuilder(analyzer(), "verify", "--man=no", unit.toString())
                .redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes());
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as("systemd-analyze verify").isEmpty();
        assertThat(verify.exitValue()).isZero();
    }

    private static String analyzer() {
        for (String dir : List.of("/usr/bin", "/bin")) {
            if (Files.isExecutable(Path.of(dir, "systemd-analyze"))) {
                return dir + "/systemd-analyze";
            }
        }
        throw new AssertionError("Cannot verify the systemd unit: systemd-analyze is missing;"
                + " install systemd (apt-get install systemd; .ci/run does)");
    }

    private static Path dropIn(String profile) {
        return SYSTEMD.resolve("configvault-agent.service.d/" + profile + ".conf");
    }

    /** Every path a source of the profile reads: file, sqlite and directory paths, programs. */
    @SuppressWarnings("unchecked")
    static List<String> sourcePaths(String profile) throws IOException {
        try (InputStream in = Files.newInputStream(ROOT.resolve("deploy/profiles/" + profile
                + ".yml"))) {
            Map<String, Object> yaml = new Yaml().load(in);
            Map<String, Object> capture = (Map<String, Object>) yaml.get("capture");
            List<String> paths = new ArrayList<>();
            for (Map<String, Object> source : (List<Map<String, Object>>) capture.get("sources")) {
                if ("command".equals(source.get("kind"))) {
                    paths.add(((List<String>) source.get("command")).getFirst());
                } else {
                    paths.add((String) source.get("path"));
                }
            }
            return paths;
        }
    }
}
