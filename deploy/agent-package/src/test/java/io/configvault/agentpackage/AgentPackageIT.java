package io.configvault.agentpackage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.configvault.stack.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's "done when": the agent package, unpacked into an empty directory and run without
 * a JDK on the PATH, starts against the local stack (real broker, real S3 server, the vault),
 * enrols with a token and delivers a snapshot the vault lists; its restore command verifies that
 * snapshot. Also: the bundled runtime is a Java 25 runtime (no compiler) with every module jdeps
 * finds in the agent's jars, and the launcher's failures.
 */
class AgentPackageIT {

    private static final String APPLIANCE = "pkg-nas";
    private static final List<String> REFLECTION_MODULES = List.of("jdk.crypto.ec",
            "jdk.unsupported", "java.naming", "jdk.zipfs");

    @TempDir
    static Path dir;
    private static UnpackedPackage pkg;

    @BeforeAll
    static void unpack() throws Exception {
        Path tarball = Path.of(System.getProperty("configvault.agent.tarball"));
        assertThat(tarball).isRegularFile();
        pkg = UnpackedPackage.unpack(tarball, dir);
    }

    @Test
    void theRuntimeIsAJava25RuntimeWithTheModulesTheAgentNeeds() throws Exception {
        Path java = pkg.home().resolve("runtime/bin/java");
        String version = output(java.toString(), "-version");
        assertThat(version).contains("version \"25");
        assertThat(pkg.home().resolve("runtime/bin/javac")).doesNotExist();
        List<String> modules = output(java.toString(), "--list-modules").lines()
                .map(line -> line.split("@", 2)[0]).toList();
        assertThat(modules).doesNotContain("jdk.compiler", "jdk.jshell", "jdk.jlink");
        assertThat(modules).containsAll(jdepsModules()).containsAll(REFLECTION_MODULES);
        assertThat(pkg.home().resolve("bin/configvault-agent")).isExecutable();
        assertThat(pkg.home().resolve("config/truenas/agent.yml")).isRegularFile();
        assertThat(pkg.home().resolve("config/profiles/passbolt.yml")).isRegularFile();
        assertThat(pkg.home().resolve("systemd/configvault-agent.service.d/truenas.conf"))
                .isRegularFile();
    }

    @Test
    void thePackagedAgentEnrolsAndDeliversASnapshotTheVaultLists() throws Exception {
        try (PackageVault vault = new PackageVault(dir.resolve("stack"))) {
            Path tokenFile = Files.writeString(dir.resolve("enrolment-token"),
                    vault.enrolmentToken(APPLIANCE));
            int port = FreePorts.pick();
            Path config = agentConfig(vault, port, tokenFile);
            // The example files of the profile come first, as the systemd drop-in loads them.
            Map<String, String> env = Map.of("CONFIGVAULT_AGENT_CONFIG",
                    pkg.home().resolve("config/profiles/truenas.yml") + ","
                            + pkg.home().resolve("config/truenas/agent.yml") + "," + config,
                    "JDK_JAVA_OPTIONS", "-Dconfigvault.package.test=1");
            Path log = dir.resolve("agent.log");
            Process agent = pkg.start(env, log, "run");
            try {
                String agentUrl = "http://127.0.0.1:" + port;
                await().atMost(Duration.ofSeconds(60)).failFast(() -> !agent.isAlive())
                        .until(() -> answers(agentUrl + "/api/v1/status"));
                List<String> jvm = agent.info().arguments().map(Arrays::asList).orElseThrow();
                // The launcher exec'd the bundled java: the process systemd watches is the JVM.
                assertThat(agent.info().command()).contains(
                        pkg.home().toRealPath().resolve("runtime/bin/java").toString());
                assertThat(jvm).contains("--enable-native-access=ALL-UNNAMED", "-Xmx64m");
                assertThat(Files.readString(log)).contains("Picked up JDK_JAVA_OPTIONS");

                UnpackedPackage.Result snapshot = pkg.run(Map.of(), dir.resolve("snapshot.log"),
                        "snapshot", "--label", "packaged", "--agent-url", agentUrl);
                assertThat(snapshot.exitCode()).as(snapshot.output()).isZero();
                String id = snapshot.output().replaceAll("(?s).*Snapshot (\\S+) \\(.*", "$1");
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> vault.snapshots(APPLIANCE).contains(id));

                UnpackedPackage.Result restore = pkg.run(env, dir.resolve("restore.log"),
                        "restore", "--snapshot", id, "--dry-run");
                assertThat(restore.exitCode()).as(restore.output()).isZero();
                assertThat(restore.output()).contains("Snapshot " + id, "verified");
            } finally {
                agent.destroy();
                agent.waitFor();
            }
        }
    }

    @Test
    void theLauncherRefusesAnUnknownCommandAndAPackageWithoutItsRuntime() throws Exception {
        UnpackedPackage.Result unknown = pkg.run(Map.of(), dir.resolve("unknown.log"), "start");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.output()).contains("Usage: configvault-agent [run | snapshot");

        Path partial = Files.createDirectories(dir.resolve("partial/bin"));
        Files.copy(pkg.home().resolve("bin/configvault-agent"), partial.resolve("configvault-agent"));
        Process launcher = new ProcessBuilder(partial.resolve("configvault-agent").toString())
                .redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes());
        assertThat(launcher.waitFor()).isEqualTo(1);
        assertThat(output).contains("Cannot start the ConfigVault agent: "
                + dir.resolve("partial").toRealPath() + "/runtime/bin/java is missing",
                "unpack the whole package");
    }

    private static Path agentConfig(PackageVault vault, int port, Path tokenFile)
            throws Exception {
        Path appliance = Files.createDirectories(dir.resolve("appliance"));
        Path database = appliance.resolve("config.db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement sql = db.createStatement()) {
            sql.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)");
            sql.execute("INSERT INTO settings VALUES ('hostname', 'pkg-nas')");
        }
        Path appConf = Files.writeString(appliance.resolve("app.conf"), "mode=packaged\n");
        Path state = dir.resolve("state");
        return Files.writeString(dir.resolve("agent-test.yml"), """
                micronaut:
                  server:
                    port: %d
                capture:
                  appliance-id: %s
                  fleet: %s
                  data-dir: %s
                  schedule:
                    enabled: false
                  keys:
                    signing-key-file: %s
                    ingest-public-key-file: %s
                  enrolment:
                    vault-url: %s
                    token-file: %s
                  kafka:
                    bootstrap-servers: %s
                  restore:
                    vault-url: %s
                    token-file: %s
                  sources:
                    - name: config.db
                      kind: sqlite
                      path: %s
                      sensitive: true
                    - name: app.conf
                      kind: file
                      path: %s
                """.formatted(port, APPLIANCE, PackageVault.FLEET, state,
                state.resolve("keys/appliance.secret.asc"),
                state.resolve("keys/vault-ingest.public.asc"), vault.url(), tokenFile,
                vault.bootstrapServers(), vault.url(), vault.adminTokenFile(), database, appConf));
    }

    /** The modules jdeps finds in the packaged jars, as the build computed them. */
    private static List<String> jdepsModules() throws Exception {
        List<String> jars;
        try (Stream<Path> files = Files.list(pkg.home().resolve("lib"))) {
            jars = files.map(Path::toString).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("--print-module-deps", "--ignore-missing-deps",
                "--multi-release", "25", "-q", "--class-path", String.join(":", jars)));
        args.addAll(jars);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        int code = jdeps.run(new PrintStream(out, true), System.err, args.toArray(String[]::new));
        assertThat(code).as(out.toString()).isZero();
        List<String> modules = Arrays.asList(out.toString().strip().split(","));
        assertThat(modules).contains("java.base");
        return modules;
    }

    private static String output(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }

    private static boolean answers(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
