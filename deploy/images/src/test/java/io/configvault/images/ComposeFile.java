package io.configvault.images;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A {@code compose.yaml} as ComposeStackIT reads it, in the directory it sits in: its services'
 * image, user, environment, volumes and secrets (the file each compose secret comes from, bound
 * at its {@code target}, or at {@code /run/secrets/<name>} in the short syntax), with the
 * merge keys ({@code <<: *hardened}) applied. Only the forms the file uses are understood;
 * anything else fails with the service and entry named, so that the test never guesses.
 */
final class ComposeFile {

    /** One bind of a container: host path (or named volume), container path, read-only. */
    record Mount(String source, String target, boolean readOnly) {

        boolean namedVolume() {
            return !source.startsWith(".") && !source.startsWith("/");
        }
    }

    private static final Pattern DEFAULT = Pattern.compile("\\$\\{[A-Z_]+:-([^}]*)}");

    private final Path dir;
    private final Map<String, Object> root;

    private ComposeFile(Path dir, Map<String, Object> root) {
        this.dir = dir;
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    static ComposeFile read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = (Map<String, Object>) new Yaml(new LoaderOptions())
                    .load(reader);
            return new ComposeFile(file.toAbsolutePath().getParent(), root);
        }
    }

    /** The directory of the file: relative paths in it are relative to this. */
    Path dir() {
        return dir;
    }

    /** The service's image, with {@code ${VAR:-default}} replaced by its default. */
    String image(String service) {
        return DEFAULT.matcher(string(service, "image")).replaceAll("$1");
    }

    String user(String service) {
        return string(service, "user");
    }

    /** The service's {@code environment} (map form). */
    Map<String, String> environment(String service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object value = service(service).get("environment");
        if (value == null) {
            return env;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalStateException(service + ": environment is not a map");
        }
        map.forEach((name, v) -> env.put(name.toString(), v.toString()));
        return env;
    }

    /** The service's {@code volumes} in the short syntax {@code source:target[:ro]}. */
    List<Mount> volumes(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : list(service, "volumes")) {
            String[] parts = entry.toString().split(":");
            if (parts.length < 2 || parts.length > 3
                    || parts.length == 3 && !parts[2].equals("ro") && !parts[2].equals("rw")) {
                throw new IllegalStateException(service + ": volume '" + entry + "' is not"
                        + " source:target[:ro|rw]");
            }
            mounts.add(new Mount(parts[0], parts[1], parts.length == 3 && parts[2].equals("ro")));
        }
        return mounts;
    }

    /** The service's secrets: host file (absolute) to container path, read-only. */
    List<Mount> secrets(String service) {
        List<Mount> mounts = new ArrayList<>();
        for (Object entry : list(service, "secrets")) {
            String name;
            String target;
            if (entry instanceof Map<?, ?> map) {
                name = map.get("source").toString();
                target = map.containsKey("target") ? map.get("target").toString()
                        : "/run/secrets/" + name;
            } else {
                name = entry.toString();
                target = "/run/secrets/" + name;
            }
            mounts.add(new Mount(secretFile(name).toString(), target, true));
        }
        return mounts;
    }

    /** The host file of the top-level secret {@code name}. */
    Path secretFile(String name) {
        Object secret = map(root, "secrets").get(name);
        if (!(secret instanceof Map<?, ?> map) || map.get("file") == null) {
            throw new IllegalStateException("compose.yaml has no file secret '" + name + "'");
        }
        return dir.resolve(map.get("file").toString()).normalize();
    }

    /** The last item of the service's {@code command}: the script of a one-shot service. */
    String script(String service) {
        List<?> command = list(service, "command");
        if (command.isEmpty()) {
            throw new IllegalStateException(service + " has no command");
        }
        return command.getLast().toString();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> service(String name) {
        Object service = map(root, "services").get(name);
        if (!(service instanceof Map<?, ?>)) {
            throw new IllegalStateException("compose.yaml has no service '" + name + "'");
        }
        return (Map<String, Object>) service;
    }

    private String string(String service, String key) {
        Object value = service(service).get(key);
        if (value == null) {
            throw new IllegalStateException(service + " has no " + key);
        }
        return value.toString();
    }

    private List<?> list(String service, String key) {
        Object value = service(service).get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalStateException(service + ": " + key + " is not a list");
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        if (!(parent.get(key) instanceof Map<?, ?> map)) {
            throw new IllegalStateException("compose.yaml has no " + key);
        }
        return (Map<String, Object>) map;
    }
}
