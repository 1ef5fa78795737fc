package io.configvault.local.leak;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.stack.PlantedSecrets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leak check's scanner on a made-up build tree. */
class LeakScannerTest {

    @TempDir
    Path root;

    @Test
    void aPlantedSecretInTestOutputOrALogIsFoundByFileAndLineWithoutItsValue() throws Exception {
        write("vault-service/target/surefire-reports/io.x.FooTest-output.txt",
                "starting\nunlocking with test-passphrase\n");
        write("deploy/local/target/it/vault.log", "ok\nok\nAuthorization: Bearer cvt_"
                + "A".repeat(43) + "\n");
        write("deploy/local/target/failsafe-reports/io.x.BarIT-output.txt", "all fine\n");

        LeakScanner scanner = new LeakScanner(PlantedSecrets.ALL);
        var findings = scanner.findings(root, LeakScanner.outputs(root));

        assertThat(findings).containsExactly(
                "deploy/local/target/it/vault.log:3 holds the bearer token.",
                "vault-service/target/surefire-reports/io.x.FooTest-output.txt:2 holds the test"
                        + " key passphrase (vault tests).");
        assertThat(String.join("\n", findings)).doesNotContain("test-passphrase", "cvt_AAAA");
    }

    @Test
    void sourcesClassesAndReportsNamingTestsAreNotRead() throws Exception {
        write("vault-service/src/test/java/io/x/FooTest.java", "\"test-passphrase\"");
        write("vault-service/target/test-classes/io/x/FooTest.class", "test-passphrase");
        write("vault-service/target/surefire-reports/TEST-io.x.FooTest.xml",
                "<testcase name=\"secret-row-42\"/>");
        write("vault-service/target/surefire-reports/io.x.FooTest.txt",
                "plaintext-marker-91be failed");

        assertThat(LeakScanner.outputs(root)).isEmpty();
    }

    @Test
    void aSecretAlikeThatIsNotOneIsNotAFinding() throws Exception {
        write("vault-service/target/failsafe-reports/io.x.BazIT-output.txt",
                "token cvt_short, enrolment prefix cve_, SECRET-not-a-uuid, passphrase file\n");

        LeakScanner scanner = new LeakScanner(PlantedSecrets.ALL);
        assertThat(scanner.findings(root, LeakScanner.outputs(root))).isEmpty();
    }

    private void write(String path, String text) throws Exception {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }
}
