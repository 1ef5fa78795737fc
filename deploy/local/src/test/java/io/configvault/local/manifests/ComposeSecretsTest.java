package io.configvault.local.manifests;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.crypto.OpenPgpKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/compose/init-secrets.sh}, run in a copy of the directory: it makes every file
 * {@code compose.yaml} names as a secret, in a directory only its owner enters; the secret keys
 * unlock with their passphrase files (as the vault and the agents read them), the vault's
 * enrolled appliance keys are the agents' keys, the S3 files agree, and the demo appliances'
 * databases open. A second run changes nothing.
 */
class ComposeSecretsTest {

    @TempDir
    static Path copy;

    @BeforeAll
    static void runInitSecrets() throws Exception {
        for (String file : new String[] {"compose.yaml", "init-secrets.sh"}) {
            Files.copy(DeployFiles.COMPOSE.resolve(file), copy.resolve(file));
        }
        run();
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySecretTheComposeFileNamesIsMade() throws Exception {
        Map<String, Map<String, Object>> secrets = (Map<String, Map<String, Object>>)
                DeployFiles.map(copy.resolve("compose.yaml")).get("secrets");
        assertThat(secrets).isNotEmpty();
        secrets.forEach((name, secret) -> assertThat(copy.resolve((String) secret.get("file")))
                .as("secret %s", name).isRegularFile().isNotEmptyFile());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                copy.resolve("secrets")))).isEqualTo("rwx------");
    }

    @Test
    void theSecretKeysUnlockWithTheirPassphrases() throws Exception {
        char[] vault = passphrase("vault-key-passphrase");
        assertThat(OpenPgpKeys.readSecretKey(read("vault-storage.sec.asc"), vault)).isNotNull();
        assertThat(OpenPgpKeys.readPublicKey(read("escrow.pub.asc"))).isNotNull();
        // The agents encrypt to the public half of the vault's ingest key.
        assertThat(OpenPgpKeys.readSecretKey(read("vault-ingest.sec.asc"), vault).fingerprint())
                .isEqualTo(OpenPgpKeys.readPublicKey(read("vault-ingest.pub.asc")).fingerprint());
        // The vault enrols the public halves of the agents' signing keys.
        for (String agent : new String[] {"agent-1", "agent-2"}) {
            assertThat(OpenPgpKeys.readSecretKey(read(agent + ".sec.asc"),
                    passphrase(agent + ".passphrase")).fingerprint())
                    .isEqualTo(OpenPgpKeys.readPublicKey(read(agent + ".pub.asc")).fingerprint());
        }
    }

    @Test
    void theTokenAndTheS3KeyPairAgree() throws Exception {
        assertThat(read("admin-token").strip()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(read("s3-credentials")).startsWith("[default]\n")
                .contains("aws_access_key_id = " + read("s3-access-key-id").strip() + "\n")
                .contains("aws_secret_access_key = " + read("s3-secret-access-key").strip());
    }

    @Test
    void theDemoAppliancesAreReadableDatabases() throws Exception {
        for (String agent : new String[] {"agent-1", "agent-2"}) {
            Path db = copy.resolve("demo").resolve(agent).resolve("config.db");
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
                 ResultSet rs = c.createStatement().executeQuery(
                         "SELECT value FROM system_settings WHERE key = 'hostname'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("demo-nas-" + agent.substring(6));
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db)))
                    .endsWith("r--");
        }
    }

    @Test
    void aSecondRunKeepsWhatExists() throws Exception {
        String key = read("vault-storage.sec.asc");
        String token = read("admin-token");
        run();
        assertThat(read("vault-storage.sec.asc")).isEqualTo(key);
        assertThat(read("admin-token")).isEqualTo(token);
    }

    private static void run() throws Exception {
        Process process = new ProcessBuilder("bash", copy.resolve("init-secrets.sh").toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    private static String read(String secret) throws Exception {
        return Files.readString(copy.resolve("secrets").resolve(secret));
    }

    private static char[] passphrase(String file) throws Exception {
        return read(file).strip().toCharArray();
    }
}
