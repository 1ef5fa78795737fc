package io.configvault.local.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two sides of the configuration reference: the keys a service binds (the configuration
 * metadata Micronaut's annotation processor writes into its classes from every
 * {@code @ConfigurationProperties} type) and the keys its document's tables describe.
 */
final class ConfigurationReference {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    private ConfigurationReference() {
    }

    /**
     * Every key under {@code prefix} in the metadata of a service module's build output (the
     * stack launches the services from it too).
     */
    static Set<String> boundKeys(Path module, String prefix) throws IOException {
        Path metadata = module.resolve("target/classes").resolve(METADATA);
        Set<String> keys = new TreeSet<>();
        for (JsonNode property : new ObjectMapper().readTree(metadata.toFile())
                .path("properties")) {
            String name = property.path("name").asText();
            if (name.startsWith(prefix)) {
                keys.add(normalise(name));
            }
        }
        return keys;
    }

    /**
     * The keys named in the first column of the document's tables: {@code `vault.a.b`}, and
     * {@code `.c`} after it for its sibling {@code vault.a.c}; {@code [i]} and {@code [*]} are the
     * same index, a trailing {@code .*} (a map of pass-through settings) is the map's key.
     */
    static Set<String> documentedKeys(String markdown, String prefix) {
        Set<String> keys = new TreeSet<>();
        for (String line : markdown.split("\n")) {
            if (!line.startsWith("| `")) {
                continue;
            }
            String firstCell = line.substring(1, line.indexOf('|', 1));
            String last = null;
            Matcher code = CODE.matcher(firstCell);
            while (code.find()) {
                String token = code.group(1);
                if (token.startsWith(prefix)) {
                    last = token;
                    keys.add(normalise(token));
                } else if (token.startsWith(".") && last != null) {
                    keys.add(normalise(last.substring(0, last.lastIndexOf('.')) + token));
                }
            }
        }
        return keys;
    }

    private static String normalise(String key) {
        String name = key.replace("[i]", "[*]");
        return name.endsWith(".*") ? name.substring(0, name.length() - 2) : name;
    }
}
