package io.configvault.local.manifests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@code deploy/kubernetes}: every object {@code kustomization.yaml} renders (its resources and
 * the ConfigMap it generates from {@code vault.yml}) and the example Secrets fit the Kubernetes
 * schema, and the StatefulSet matches the container layout, the vault's settings and its health
 * and metrics endpoints.
 */
class KubernetesManifestsTest {

    @Test
    void everyObjectFitsTheKubernetesSchema() throws IOException {
        List<Map<String, Object>> objects = rendered();
        objects.addAll(objects(DeployFiles.KUBERNETES.resolve("secrets.example.yaml")));
        assertThat(objects).extracting(o -> o.get("kind")).contains("Namespace",
                "ServiceAccount", "ConfigMap", "Service", "StatefulSet", "NetworkPolicy", "Secret");
        for (Map<String, Object> object : objects) {
            KubernetesSchema.validate(object);
        }
    }

    @Test
    void theSchemaCheckFindsAMisspelledField() throws IOException {
        Map<String, Object> statefulSet = byKind("StatefulSet");
        Map<String, Object> spec = map(statefulSet, "spec");
        spec.put("replica", spec.remove("replicas"));
        assertThatThrownBy(() -> KubernetesSchema.validate(statefulSet))
                .hasMessageContaining("replica");
    }

    @Test
    void theVaultRunsHardenedFromTheProjectImage() throws IOException {
        Map<String, Object> pod = map(map(byKind("StatefulSet"), "spec"), "template", "spec");
        assertThat(pod).containsEntry("automountServiceAccountToken", false);
        assertThat(map(pod, "securityContext")).containsEntry("runAsNonRoot", true)
                .containsEntry("runAsUser", 65532).containsEntry("runAsGroup", 65532)
                .containsEntry("fsGroup", 65532)
                .containsEntry("seccompProfile", Map.of("type", "RuntimeDefault"));
        Map<String, Object> vault = container(pod);
        assertThat(vault.get("image")).isEqualTo("configvault/vault:"
                + DeployFiles.projectVersion());
        assertThat(Files.readString(DeployFiles.KUBERNETES.resolve("kustomization.yaml")))
                .contains("newTag: " + DeployFiles.projectVersion());
        assertThat(map(vault, "securityContext")).containsEntry("readOnlyRootFilesystem", true)
                .containsEntry("allowPrivilegeEscalation", false)
                .containsEntry("capabilities", Map.of("drop", List.of("ALL")));
        assertThat(map(vault, "resources")).containsKeys("requests", "limits");
        assertThat(mounts(vault)).containsEntry("/tmp", "tmp")
                .containsEntry("/var/lib/configvault", "state");
        assertThat(volume(pod, "tmp")).containsKey("emptyDir");
        assertThat(map(byKind("StatefulSet"), "spec").get("volumeClaimTemplates").toString())
                .contains("name=state");
    }

    @Test
    void theProbesAskTheHealthEndpoints() throws IOException {
        Map<String, Object> vault = container(map(map(byKind("StatefulSet"), "spec"), "template",
                "spec"));
        assertThat(map(vault, "livenessProbe", "httpGet")).containsEntry("path", "/health/liveness")
                .containsEntry("port", "http");
        assertThat(map(vault, "startupProbe", "httpGet")).containsEntry("path", "/health/liveness");
        assertThat(map(vault, "readinessProbe", "httpGet"))
                .containsEntry("path", "/health/readiness");
        assertThat(vault.get("ports").toString()).contains("name=http", "containerPort=8080");
    }

    @Test
    void theSettingsExistAndEveryFileTheyNameIsMounted() throws IOException {
        Map<String, Object> config = DeployFiles.map(DeployFiles.KUBERNETES.resolve("vault.yml"));
        assertThat(DeployFiles.undeclared(config, "vault.",
                DeployFiles.declaredKeys("vault-service"))).isEmpty();
        Map<String, Object> pod = map(map(byKind("StatefulSet"), "spec"), "template", "spec");
        Map<String, Object> vault = container(pod);
        Map<String, String> env = new LinkedHashMap<>();
        for (Object e : (List<?>) vault.get("env")) {
            Map<?, ?> entry = (Map<?, ?>) e;
            env.put((String) entry.get("name"), (String) entry.get("value"));
        }
        assertThat(env).containsEntry("MICRONAUT_CONFIG_FILES", "/etc/configvault/vault.yml");
        assertThat(mounts(vault)).containsEntry("/etc/configvault/vault.yml", "config")
                .containsEntry("/etc/configvault/secrets", "secrets");
        Set<String> secretFiles = new TreeSet<>();
        for (Object source : (List<?>) map(volume(pod, "secrets"), "projected").get("sources")) {
            for (Object item : (List<?>) ((Map<?, ?>) ((Map<?, ?>) source).get("secret"))
                    .get("items")) {
                secretFiles.add("/etc/configvault/secrets/" + ((Map<?, ?>) item).get("path"));
            }
        }
        Set<String> wanted = ComposeFileTest.filesUnder(config, "/etc/configvault/secrets/");
        wanted.add(env.get("AWS_SHARED_CREDENTIALS_FILE"));
        assertThat(secretFiles).containsAll(wanted);
        assertThat(ComposeFileTest.filesUnder(config, "/var/lib/")).containsExactlyInAnyOrder(
                "/var/lib/configvault/catalog.db", "/var/lib/configvault/spool");
        assertThat(map(volume(pod, "config"), "configMap"))
                .containsEntry("name", map(byKind("ConfigMap"), "metadata").get("name"));
    }

    @Test
    void theServiceMonitorScrapesTheMetricsPort() throws IOException {
        Map<String, Object> service = byKind("Service");
        assertThat(map(service, "spec").get("ports").toString())
                .contains("name=metrics", "targetPort=http");
        Map<String, Object> monitor = objects(DeployFiles.KUBERNETES
                .resolve("optional/servicemonitor.yaml")).getFirst();
        assertThat(monitor).containsEntry("apiVersion", "monitoring.coreos.com/v1")
                .containsEntry("kind", "ServiceMonitor");
        assertThat(map(monitor, "spec", "selector", "matchLabels"))
                .isEqualTo(map(service, "metadata", "labels"))
                .isEqualTo(map(service, "spec", "selector"));
        assertThat(map(monitor, "spec").get("endpoints").toString())
                .contains("port=metrics", "path=/prometheus");
    }

    /** The objects of the kustomization: its resources and the ConfigMap it generates. */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rendered() throws IOException {
        Map<String, Object> kustomization = DeployFiles.map(DeployFiles.KUBERNETES
                .resolve("kustomization.yaml"));
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : (List<Object>) kustomization.get("resources")) {
            objects.addAll(objects(DeployFiles.KUBERNETES.resolve((String) resource)));
        }
        for (Object generator : (List<Object>) kustomization.get("configMapGenerator")) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (Object file : (List<Object>) ((Map<String, Object>) generator).get("files")) {
                data.put((String) file, Files.readString(DeployFiles.KUBERNETES
                        .resolve((String) file)));
            }
            objects.add(new LinkedHashMap<>(Map.of("apiVersion", "v1", "kind", "ConfigMap",
                    "metadata", Map.of("name", ((Map<String, Object>) generator).get("name")),
                    "data", data)));
        }
        return objects;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> objects(Path file) throws IOException {
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : DeployFiles.documents(file)) {
            objects.add((Map<String, Object>) document);
        }
        return objects;
    }

    private static Map<String, Object> byKind(String kind) throws IOException {
        return rendered().stream().filter(o -> kind.equals(o.get("kind"))).findFirst()
                .orElseThrow();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> object, String... path) {
        Map<String, Object> current = object;
        for (String key : path) {
            current = (Map<String, Object>) current.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> container(Map<String, Object> pod) {
        return (Map<String, Object>) ((List<Object>) pod.get("containers")).getFirst();
    }

    private static Map<String, Object> volume(Map<String, Object> pod, String name) {
        for (Object v : (List<?>) pod.get("volumes")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> volume = (Map<String, Object>) v;
            if (name.equals(volume.get("name"))) {
                return volume;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    private static Map<String, String> mounts(Map<String, Object> container) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object m : (List<?>) container.get("volumeMounts")) {
            Map<?, ?> mount = (Map<?, ?>) m;
            mounts.put((String) mount.get("mountPath"), (String) mount.get("name"));
        }
        return mounts;
    }
}
