package io.configvault.local.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.stack.StackRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration references (docs/vault-service.md, docs/capture-service.md) are checked
 * against the code: every key a service binds is described, and every key described is bound —
 * a renamed or removed setting cannot linger in the docs, a new one cannot go undocumented.
 */
class ConfigurationReferenceTest {

    private static final Path ROOT = StackRoot.locate().dir();

    @Test
    void everyVaultKeyIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        Set<String> bound = ConfigurationReference.boundKeys(ROOT.resolve("vault-service"),
                "vault.");
        Set<String> documented = ConfigurationReference.documentedKeys(
                Files.readString(ROOT.resolve("docs/vault-service.md")), "vault.");

        assertThat(bound).as("vault settings bound by the code").hasSizeGreaterThan(50);
        assertThat(documented).as("documented in docs/vault-service.md").containsAll(bound);
        assertThat(bound).as("bound by the code").containsAll(documented);
    }

    @Test
    void everyAgentKeyIsDocumentedAndEveryDocumentedKeyExists() throws IOException {
        Set<String> bound = ConfigurationReference.boundKeys(ROOT.resolve("capture-service"),
                "capture.");
        Set<String> documented = ConfigurationReference.documentedKeys(
                Files.readString(ROOT.resolve("docs/capture-service.md")), "capture.");

        assertThat(bound).as("agent settings bound by the code").hasSizeGreaterThan(30);
        assertThat(documented).as("documented in docs/capture-service.md").containsAll(bound);
        Set<String> profileSwitches = new TreeSet<>(documented);
        profileSwitches.removeAll(bound);
        // The only keys no type binds are a profile's own switches, read by its YAML file.
        for (String key : profileSwitches) {
            assertThat(key).as("documented but bound by nothing").startsWith("capture.profile.");
            assertThat(profileFilesUsing(key)).as("profile files that read " + key).isNotEmpty();
        }
    }

    @Test
    void aKeyInTheFirstColumnCountsAndSiblingsExpand() {
        String doc = """
                | Key | Default | Meaning |
                |---|---|---|
                | `vault.a.b`, `.c` | `1` | mentions `vault.not.this` |
                | `vault.list[i].id` | none | x |
                | `vault.kafka.client.*` | none | x |
                text `vault.ignored`
                """;

        assertThat(ConfigurationReference.documentedKeys(doc, "vault."))
                .containsExactlyInAnyOrder("vault.a.b", "vault.a.c", "vault.list[*].id",
                        "vault.kafka.client");
    }

    private static List<Path> profileFilesUsing(String key) throws IOException {
        String placeholder = "${" + key + ":";
        List<Path> using = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/profiles"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (Files.readString(file).contains(placeholder)) {
                    using.add(file);
                }
            }
        }
        return using;
    }
}
