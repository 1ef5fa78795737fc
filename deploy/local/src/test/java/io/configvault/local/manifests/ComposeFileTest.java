package io.configvault.local.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/compose/compose.yaml} as operators run it: valid for Compose ({@code docker
 * compose config}, or the {@code docker-compose} of Debian where the plugin is missing), and
 * consistent with the container layout (image names and version, user, read-only root, ports on
 * loopback, secrets under {@code /etc/configvault/secrets}) and with the settings the services
 * know.
 */
class ComposeFileTest {

    private static final Path COMPOSE_FILE = DeployFiles.COMPOSE.resolve("compose.yaml");
    private static final List<String> OURS = List.of("vault", "agent-1", "agent-2");

    @Test
    void composeAcceptsTheFile() throws Exception {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-f", COMPOSE_FILE.toString(), "config", "-q"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s says: %s", command, output).isZero();
    }

    @Test
    void ourServicesRunHardenedFromTheProjectImages() throws IOException {
        Map<String, Map<String, Object>> services = services();
        String version = DeployFiles.projectVersion();
        assertThat(services.get("vault").get("image"))
                .isEqualTo("configvault/vault:${CONFIGVAULT_VERSION:-" + version + "}");
        for (String name : List.of("agent-1", "agent-2")) {
            assertThat(services.get(name).get("image"))
                    .isEqualTo("configvault/agent:${CONFIGVAULT_VERSION:-" + version + "}");
        }
        for (String name : OURS) {
            Map<String, Object> service = services.get(name);
            assertThat(service.get("user")).as(name).isEqualTo("65532:65532");
            assertThat(service.get("read_only")).as(name).isEqualTo(true);
            assertThat(strings(service.get("tmpfs"))).as(name)
                    .anyMatch(t -> t.equals("/tmp") || t.startsWith("/tmp:"));
            assertThat(strings(service.get("cap_drop"))).as(name).containsExactly("ALL");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        }
    }

    @Test
    void everyPublishedPortListensOnLoopbackOnly() throws IOException {
        services().forEach((name, service) -> assertThat(strings(service.get("ports")))
                .as("ports of %s", name).allMatch(p -> p.startsWith("127.0.0.1:")));
        assertThat(strings(services().get("vault").get("ports"))).contains("127.0.0.1:8480:8080");
    }

    @Test
    void theVaultSettingsExistAndTheirFilesAreMounted() throws IOException {
        Map<String, Object> config = DeployFiles.map(DeployFiles.COMPOSE.resolve("vault.yml"));
        assertThat(DeployFiles.undeclared(config, "vault.",
                DeployFiles.declaredKeys("vault-service"))).isEmpty();
        Map<String, Object> vault = services().get("vault");
        assertThat(environment(vault)).containsEntry("MICRONAUT_CONFIG_FILES",
                "/etc/configvault/vault.yml");
        assertThat(strings(vault.get("volumes"))).contains(
                "./vault.yml:/etc/configvault/vault.yml:ro", "vault-state:/var/lib/configvault");
        assertThat(secretTargets(vault))
                .containsAll(filesUnder(config, "/etc/configvault/secrets/"))
                .contains(environment(vault).get("AWS_SHARED_CREDENTIALS_FILE"));
        assertThat(filesUnder(config, "/var/lib/")).containsExactlyInAnyOrder(
                "/var/lib/configvault/catalog.db", "/var/lib/configvault/spool");
    }

    @Test
    void theAgentSettingsExistAndMatchTheirEnrolment() throws IOException {
        Set<String> declared = DeployFiles.declaredKeys("capture-service");
        String appliances = String.valueOf(
                DeployFiles.map(DeployFiles.COMPOSE.resolve("vault.yml")));
        for (String name : List.of("agent-1", "agent-2")) {
            Map<String, Object> config =
                    DeployFiles.map(DeployFiles.COMPOSE.resolve(name + ".yml"));
            assertThat(DeployFiles.undeclared(config, "capture.", declared)).as(name).isEmpty();
            Map<String, Object> agent = services().get(name);
            assertThat(environment(agent)).containsEntry("MICRONAUT_CONFIG_FILES",
                    "/etc/configvault/agent.yml");
            assertThat(strings(agent.get("volumes"))).contains(
                    "./" + name + ".yml:/etc/configvault/agent.yml:ro",
                    name + "-state:/var/lib/configvault-agent");
            assertThat(secretTargets(agent))
                    .containsAll(filesUnder(config, "/etc/configvault/secrets/"));
            assertThat(filesUnder(config, "/var/lib/"))
                    .containsExactly("/var/lib/configvault-agent");
            assertThat(DeployFiles.settingKeys(config)).contains("micronaut.server.port");
            assertThat(strings(agent.get("ports")).getFirst()).endsWith(":8081");
            String id = "demo-nas-" + name.substring(name.length() - 1);
            assertThat(String.valueOf(config)).contains("appliance-id=" + id);
            assertThat(appliances).contains("id=" + id + ", fleet=demo, public-key-file="
                    + "/etc/configvault/secrets/" + name + ".pub.asc");
        }
    }

    private static List<String> composeCommand() throws InterruptedException {
        if (succeeds("docker", "compose", "version")) {
            return List.of("docker", "compose");
        }
        if (succeeds("docker-compose", "version")) {
            return List.of("docker-compose");
        }
        throw new IllegalStateException("Cannot validate deploy/compose: neither `docker"
                + " compose` nor `docker-compose` runs; install one (Debian: apt-get install"
                + " docker-compose)");
    }

    private static boolean succeeds(String... command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> services() throws IOException {
        return (Map<String, Map<String, Object>>) DeployFiles.map(COMPOSE_FILE).get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(Map<String, Object> service) {
        return (Map<String, String>) service.get("environment");
    }

    @SuppressWarnings("unchecked")
    static Set<String> secretTargets(Map<String, Object> service) {
        Set<String> targets = new TreeSet<>();
        for (Object secret : (List<Object>) service.get("secrets")) {
            targets.add(String.valueOf(((Map<String, Object>) secret).get("target")));
        }
        return targets;
    }

    /** The string values of a configuration that are paths below {@code directory}. */
    static Set<String> filesUnder(Object config, String directory) {
        Set<String> files = new TreeSet<>();
        collect(config, directory, files);
        return files;
    }

    private static void collect(Object value, String directory, Set<String> files) {
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, directory, files));
        } else if (value instanceof List<?> list) {
            list.forEach(v -> collect(v, directory, files));
        } else if (value instanceof String s && s.startsWith(directory)) {
            files.add(s);
        }
    }

    static List<String> strings(Object list) {
        if (list == null) {
            return List.of();
        }
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
