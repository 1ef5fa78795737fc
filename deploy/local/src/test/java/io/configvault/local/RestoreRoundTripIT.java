package io.configvault.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.stack.StackRoot;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Restore, end to end on the quickstart's real stack (broker, S3 server, vault, agent): a change
 * is vaulted, the configuration changes again, then the agent's restore command, run as the
 * README says (the agent's generated configuration, a separate JVM beside the running agent),
 * first as a dry run, then for real.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RestoreRoundTripIT {

    @TempDir
    static Path home;

    static QuickstartProcess quickstart;
    static Map<String, String> env;
    static String token;
    static Path database;
    static Path appConf;
    static String snapshotId;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        quickstart = new QuickstartProcess(home);
        quickstart.start();
        env = quickstart.env();
        token = Files.readString(Path.of(env.get("ADMIN_TOKEN_FILE"))).strip();
        database = Path.of(env.get("DEMO_CONFIG_DB"));
        appConf = database.resolveSibling("app.conf");
    }

    @AfterAll
    static void stop() throws Exception {
        if (quickstart != null) {
            quickstart.close();
        }
    }

    @Test
    @Order(1)
    void aChangeIsVaulted() throws Exception {
        List<String> before = ids(list());
        sql("UPDATE system_settings SET value = 'nas-restore-me' WHERE key = 'hostname'");
        Files.writeString(appConf, Files.readString(appConf).replace("log_level = info",
                "log_level = debug"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String id = newest("CHANGE");
            return id != null && !before.contains(id)
                    && SqliteDump.of(entry(id, "config.db")).equals(SqliteDump.of(database))
                    && Files.readString(entry(id, "app.conf")).equals(Files.readString(appConf));
        });
        snapshotId = newest("CHANGE");
    }

    @Test
    @Order(2)
    void aDryRunNamesTheChangedTablesAndChangesNothing() throws Exception {
        sql("UPDATE system_settings SET value = 'nas-changed-later' WHERE key = 'hostname'",
                "INSERT INTO users (username, password_hash, shell) VALUES ('intruder', '*',"
                        + " '/bin/sh')");
        Files.writeString(appConf, "# replaced by hand\n");
        String dumpBefore = SqliteDump.of(database);

        Result dryRun = restoreCommand("--snapshot", snapshotId, "--dry-run");

        assertThat(dryRun.exit()).as(dryRun.stderr()).isZero();
        assertThat(dryRun.stdout())
                .contains("Snapshot " + snapshotId + " (CHANGE, captured ")
                .contains("  changed   config.db -> " + database
                        + " (tables changed: system_settings, users)")
                .contains("  changed   app.conf -> " + appConf)
                .contains("  unchanged ssh/ssh_host_ed25519_key -> ")
                .contains("Dry run: nothing was written. A restore would write 2 file(s).");
        assertThat(SqliteDump.of(database)).isEqualTo(dumpBefore);
        assertThat(appConf).hasContent("# replaced by hand");
        assertThat(dryRun.stdout() + dryRun.stderr()).doesNotContain(token);
    }

    @Test
    @Order(3)
    void theRestoreBringsTheSnapshotBackAndKeepsWhatItReplacedInAPreRestoreSnapshot()
            throws Exception {
        String replacedDump = SqliteDump.of(database);
        Path hooksLog = home.resolve("hooks.log");
        Path hooks = Files.writeString(home.resolve("restore-hooks.yml"), """
                capture:
                  restore:
                    pre-hook: [sh, -c, 'echo "pre $CONFIGVAULT_SNAPSHOT_ID" >> %1$s']
                    post-hook: [sh, -c, 'echo "post $CONFIGVAULT_RESTORE_RESULT" >> %1$s']
                """.formatted(hooksLog));

        Result restore = restoreCommand(List.of(hooks), "--snapshot", snapshotId);

        assertThat(restore.exit()).as(restore.stdout() + restore.stderr()).isZero();
        assertThat(restore.stdout()).contains("Restored snapshot " + snapshotId + ".");
        assertThat(SqliteDump.of(database)).isEqualTo(SqliteDump.of(entry(snapshotId,
                "config.db"))).contains("nas-restore-me").doesNotContain("intruder");
        assertThat(appConf).hasSameTextualContentAs(entry(snapshotId, "app.conf"));
        assertThat(Files.readAllLines(hooksLog)).containsExactly("pre " + snapshotId,
                "post restored");

        // The running agent publishes the command's PRE_RESTORE snapshot: what was replaced.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> newest("PRE_RESTORE") != null);
        String preRestore = newest("PRE_RESTORE");
        assertThat(list()).contains("\"label\":\"before restore of " + snapshotId + "\"");
        assertThat(SqliteDump.of(entry(preRestore, "config.db"))).isEqualTo(replacedDump);

        // And it keeps watching the restored database (a new file): the restored configuration
        // is vaulted as a CHANGE snapshot.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            String id = newest("CHANGE");
            return id != null && id.compareTo(preRestore) > 0
                    && SqliteDump.of(entry(id, "config.db")).equals(SqliteDump.of(database));
        });
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private static Result restoreCommand(String... args) throws Exception {
        return restoreCommand(List.of(), args);
    }

    /** The command as the README gives it, with extra configuration files after the agent's. */
    private static Result restoreCommand(List<Path> extraConfig, String... args) throws Exception {
        Path root = StackRoot.locate().dir();
        Path module = root.resolve("capture-service");
        String classpath = module.resolve("target/classes") + File.pathSeparator
                + Files.readString(module.resolve("target/runtime.classpath")).strip();
        StringBuilder configFiles = new StringBuilder(home.resolve("agent/application.yml")
                .toString());
        extraConfig.forEach(file -> configFiles.append(',').append(file));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx128m", "-cp", classpath,
                "-Dmicronaut.config.files=" + configFiles,
                "io.configvault.capture.restore.RestoreCommand"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(home, "restore-", ".out");
        Path err = Files.createTempFile(home, "restore-", ".err");
        Process process = new ProcessBuilder(command).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the restore command did not finish within 120 s:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static void sql(String... statements) throws Exception {
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
        }
    }

    /** The newest listed snapshot with this trigger, or null. */
    private static String newest(String trigger) throws Exception {
        Matcher m = Pattern.compile("\\{\"id\":\"([0-9a-f-]{36})\"[^}]*\"trigger\":\"" + trigger
                + "\"").matcher(list());
        return m.find() ? m.group(1) : null;
    }

    private static List<String> ids(String listing) {
        return Pattern.compile("\"id\":\"([0-9a-f-]{36})\"").matcher(listing).results()
                .map(r -> r.group(1)).toList();
    }

    private static String list() throws Exception {
        return new String(get("/api/v1/appliances/" + env.get("DEMO_APPLIANCE_ID")
                + "/snapshots").body(), StandardCharsets.UTF_8);
    }

    /** Downloads one entry of a snapshot into a file. */
    private static Path entry(String snapshot, String name) throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/snapshots/" + snapshot + "/entries/" + name);
        assertThat(response.statusCode()).as("download of " + name).isEqualTo(200);
        Path file = Files.createTempFile(home, "entry-", "-" + name);
        return Files.write(file, response.body());
    }

    private static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(env.get("VAULT_URL") + path))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
