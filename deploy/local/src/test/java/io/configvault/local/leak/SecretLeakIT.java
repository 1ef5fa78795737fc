package io.configvault.local.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.stack.PlantedSecrets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 32's leak check over the whole test run: after every other test of the build (its own
 * failsafe execution, bound after {@code integration-test} of the reactor's last module), no
 * planted secret ({@link PlantedSecrets}) is in any module's captured test output or in a log a
 * test or service left under {@code target}. A finding names file and line, not the secret.
 */
class SecretLeakIT {

    @Test
    void noPlantedSecretIsInTheOutputOrLogsOfTheTestRun() throws Exception {
        Path root = Path.of(System.getProperty("configvault.root")).toAbsolutePath().normalize();
        assertThat(root.resolve("pom.xml")).as("the checkout's root").isRegularFile();
        List<Path> files = LeakScanner.outputs(root);

        List<String> findings = new LeakScanner(PlantedSecrets.ALL).findings(root, files);

        assertThat(findings).as("planted secrets found in %d files of test output and logs",
                files.size()).isEmpty();
    }
}
