package io.configvault.local.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The operator-facing files under {@code deploy/} as the manifest tests read them: the repository
 * root, the project version, YAML documents, the flattened setting keys of a service
 * configuration file and the keys each service declares in its
 * {@code META-INF/spring-configuration-metadata.json} (written by its build).
 */
final class DeployFiles {

    /** The module directory is {@code deploy/local}; surefire runs there. */
    static final Path ROOT = Path.of("").toAbsolutePath().getParent().getParent();
    static final Path COMPOSE = ROOT.resolve("deploy/compose");
    static final Path KUBERNETES = ROOT.resolve("deploy/kubernetes");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PARENT_VERSION = Pattern.compile(
            "<artifactId>configvault-parent</artifactId>\\s*<version>([^<]+)</version>");

    private DeployFiles() {
    }

    static String projectVersion() throws IOException {
        Matcher m = PARENT_VERSION.matcher(Files.readString(ROOT.resolve("pom.xml")));
        if (!m.find()) {
            throw new IllegalStateException("Cannot find the project version in pom.xml");
        }
        return m.group(1);
    }

    /** Every YAML document of {@code file}, as maps, lists and scalars. */
    static List<Object> documents(Path file) throws IOException {
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml(new LoaderOptions()).loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Path file) throws IOException {
        return (Map<String, Object>) documents(file).getFirst();
    }

    /**
     * The setting keys a configuration file sets, as the metadata names them: nested maps joined
     * with dots, list items of maps as {@code [*]}; e.g. {@code vault.appliances[*].id}.
     */
    static Set<String> settingKeys(Map<String, Object> config) {
        Set<String> keys = new TreeSet<>();
        flatten("", config, keys);
        return keys;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Object value, Set<String> keys) {
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) map).entrySet()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(),
                        keys);
            }
        } else if (value instanceof List<?> list && !list.isEmpty()
                && list.getFirst() instanceof Map<?, ?>) {
            for (Object item : list) {
                flatten(prefix + "[*]", item, keys);
            }
        } else {
            keys.add(prefix);
        }
    }

    /** The setting names a service's build declares, e.g. {@code vault-service}. */
    static Set<String> declaredKeys(String module) throws IOException {
        Path metadata = ROOT.resolve(module)
                .resolve("target/classes/META-INF/spring-configuration-metadata.json");
        if (!Files.exists(metadata)) {
            throw new IllegalStateException("Cannot check settings: " + metadata + " is missing;"
                    + " build with ./mvnw -pl deploy/local -am so that " + module + " compiles");
        }
        Set<String> names = new TreeSet<>();
        for (JsonNode property : JSON.readTree(metadata.toFile()).path("properties")) {
            names.add(property.path("name").asText());
        }
        return names;
    }

    /**
     * The keys of {@code config} under {@code prefix} that the service does not declare; a key
     * below a declared map setting (e.g. {@code vault.kafka.client.security.protocol}) counts as
     * declared.
     */
    static Set<String> undeclared(Map<String, Object> config, String prefix, Set<String> declared) {
        Set<String> unknown = new TreeSet<>();
        for (String key : settingKeys(config)) {
            if (!key.startsWith(prefix)) {
                continue;
            }
            boolean known = declared.contains(key)
                    || declared.stream().anyMatch(d -> key.startsWith(d + "."));
            if (!known) {
                unknown.add(key);
            }
        }
        return unknown;
    }
}
