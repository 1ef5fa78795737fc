package io.configvault.capture.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.InMemoryOutbox;
import io.configvault.capture.seal.SnapshotSealer;
import io.configvault.capture.source.CommandSource;
import io.configvault.capture.source.DirectorySource;
import io.configvault.capture.source.DirectoryTree;
import io.configvault.capture.source.DisabledSource;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.Fixtures;
import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.Trigger;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the pipeline treats what its sources report: a missing required part makes the snapshot
 * not restorable (with the reason, in the manifest and the status), a missing optional part is
 * left out, and every refusal of a source (failing or hanging command, a link out of a
 * directory, a pipe, an oversized snapshot) fails the whole snapshot with nothing in the outbox
 * and no plaintext left in staging.
 */
class SourceOutcomesTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final AgentStatus status = new AgentStatus(clock);
    private final SnapshotSealer plaintextSealer = (bundle, sealed) -> Files.copy(bundle, sealed);
    private InMemoryOutbox outbox;
    private Path dataDir;
    private Path conf;

    @BeforeEach
    void setUp() throws Exception {
        dataDir = dir.resolve("data");
        outbox = new InMemoryOutbox(dataDir.resolve("spool"));
        conf = Files.writeString(dir.resolve("app.conf"), "listen=0.0.0.0\n");
    }

    @Test
    void aMissingRequiredFileMakesTheSnapshotNotRestorable() throws Exception {
        Path seed = dir.resolve("pwenc_secret");
        CapturedSnapshot captured = pipeline(1 << 20, file("app.conf", conf, false),
                file("pwenc_secret", seed, true)).capture(Trigger.SCHEDULE, null);

        Manifest manifest = read().manifest();
        assertThat(captured.entries()).isEqualTo(1);
        assertThat(manifest.entries()).extracting(e -> e.name()).containsExactly("app.conf");
        String reason = "required source 'pwenc_secret' (" + seed + ") is missing: it does not"
                + " exist";
        assertThat(manifest.restorable()).isFalse();
        assertThat(manifest.notRestorableReason()).isEqualTo(reason);
        assertThat(status.restorability()).contains(new AgentStatus.Restorability(false, reason));
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void aDisabledRequiredSourceIsNamedWithItsDescription() throws Exception {
        Path seed = Files.writeString(dir.resolve("pwenc_secret"), "seed");
        pipeline(1 << 20, file("app.conf", conf, false), new DisabledSource(
                new SourceSpec("pwenc_secret", SourceKind.FILE, seed, true, true,
                        "the password secret seed; a restore to a new device needs it"),
                "capture.sources[1].enabled")).capture(Trigger.MANUAL, null);

        Manifest manifest = read().manifest();
        assertThat(manifest.entries()).extracting(e -> e.name()).containsExactly("app.conf");
        assertThat(manifest.notRestorableReason()).isEqualTo("required source 'pwenc_secret' ("
                + seed + ") is missing: it is disabled by capture.sources[1].enabled (the"
                + " password secret seed; a restore to a new device needs it)");
    }

    @Test
    void aMissingOptionalSourceIsLeftOutAndTheSnapshotStaysRestorable() throws Exception {
        pipeline(1 << 20, file("app.conf", conf, true),
                file("authorized_keys", dir.resolve("nope"), false),
                directory("avatars", dir.resolve("no-avatars"), List.of(), false))
                .capture(Trigger.MANUAL, null);

        Manifest manifest = read().manifest();
        assertThat(manifest.entries()).extracting(e -> e.name()).containsExactly("app.conf");
        assertThat(manifest.restorable()).isTrue();
        assertThat(manifest.notRestorableReason()).isNull();
        assertThat(status.restorability()).contains(new AgentStatus.Restorability(true, null));
    }

    @Test
    void aRequiredDirectoryWithoutMatchingFilesIsMissing() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("etc/ssh"));
        Files.writeString(ssh.resolve("sshd_config"), "PermitRootLogin no\n");

        pipeline(1 << 20, file("app.conf", conf, false),
                directory("ssh", ssh, List.of("ssh_host_*_key"), true))
                .capture(Trigger.MANUAL, null);

        assertThat(read().manifest().notRestorableReason()).isEqualTo("required source 'ssh' ("
                + ssh + ") is missing: no file in it matches");
    }

    @Test
    void directoryAndCommandEntriesTravelInTheBundle() throws Exception {
        Path avatars = Files.createDirectories(dir.resolve("avatars/2025"));
        Files.write(avatars.resolve("ada.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Path dump = Fixtures.script(dir.resolve("bin/mysqldump"), "echo 'CREATE TABLE t;'\n");

        pipeline(1 << 20, directory("avatars", dir.resolve("avatars"), List.of("**.png"), false),
                command("passbolt.sql", dump, Duration.ofSeconds(30)))
                .capture(Trigger.MANUAL, null);

        Bundle bundle = read();
        assertThat(bundle.manifest().entries()).extracting(e -> e.name() + ":" + e.kind())
                .containsExactly("avatars/2025/ada.png:DIRECTORY", "passbolt.sql:COMMAND");
        assertThat(bundle.contents().get("passbolt.sql")).asString()
                .isEqualTo("CREATE TABLE t;\n");
        assertThat(bundle.contents().get("avatars/2025/ada.png"))
                .containsExactly(0x89, 'P', 'N', 'G');
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void aFailingCommandFailsTheSnapshotAndNothingEntersTheOutbox() throws Exception {
        Path dump = Fixtures.script(dir.resolve("bin/mysqldump"), "echo '-- half a dump'\n"
                + "echo 'mysqldump: Got error: 2002: Can'\"'\"'t connect to server' >&2\n"
                + "exit 3\n");

        assertThatThrownBy(() -> pipeline(1 << 20, file("app.conf", conf, false),
                command("passbolt.sql", dump, Duration.ofSeconds(30)))
                .capture(Trigger.SCHEDULE, null))
                .isInstanceOfSatisfying(CaptureException.class,
                        e -> assertThat(e.kind()).isEqualTo(CaptureException.Kind.FAILED))
                .hasMessage("Cannot capture SCHEDULE snapshot of appliance nas-17: cannot stage"
                        + " source 'passbolt.sql': command '" + dump + "' exited with code 3;"
                        + " its standard error ends with: mysqldump: Got error: 2002: Can't"
                        + " connect to server");
        assertNothingCaptured();
    }

    @Test
    void aHangingCommandFailsTheSnapshotAndNothingEntersTheOutbox() throws Exception {
        Path dump = Fixtures.script(dir.resolve("bin/mysqldump"),
                "echo '-- half a dump'\nexec sleep 600\n");

        assertThatThrownBy(() -> pipeline(1 << 20, file("app.conf", conf, false),
                command("passbolt.sql", dump, Duration.ofMillis(500)))
                .capture(Trigger.SCHEDULE, null))
                .isInstanceOf(CaptureException.class)
                .hasMessage("Cannot capture SCHEDULE snapshot of appliance nas-17: cannot stage"
                        + " source 'passbolt.sql': command '" + dump + "' timed out after 500ms;"
                        + " it and the processes it started were killed; its standard error was"
                        + " empty");
        assertNothingCaptured();
    }

    @Test
    void aLinkOutOfADirectorySourceFailsTheSnapshot() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/passbolt"));
        Files.writeString(etc.resolve("passbolt.php"), "<?php");
        Path shadow = Files.writeString(dir.resolve("shadow"), "root:$6$");
        Files.createSymbolicLink(etc.resolve("app.php"), shadow);

        assertThatThrownBy(() -> pipeline(1 << 20, directory("passbolt", etc, List.of(), false))
                .capture(Trigger.MANUAL, null))
                .isInstanceOf(CaptureException.class)
                .hasMessage("Cannot capture MANUAL snapshot of appliance nas-17: cannot stage"
                        + " source 'passbolt' (" + etc + "): 'app.php' is a symbolic link to "
                        + shadow + ", outside the source; symbolic links are never captured:"
                        + " remove it or exclude it");
        assertNothingCaptured();
    }

    @Test
    void aPipeInADirectorySourceFailsTheSnapshot() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/passbolt"));
        Files.writeString(etc.resolve("passbolt.php"), "<?php");
        Fixtures.mkfifo(etc.resolve("control"));

        assertThatThrownBy(() -> pipeline(1 << 20, directory("passbolt", etc, List.of(), false))
                .capture(Trigger.MANUAL, null))
                .isInstanceOf(CaptureException.class)
                .hasMessage("Cannot capture MANUAL snapshot of appliance nas-17: cannot stage"
                        + " source 'passbolt' (" + etc + "): 'control' is a device, socket or"
                        + " pipe, not a regular file: exclude it");
        assertNothingCaptured();
    }

    @Test
    void anOversizedSnapshotOfADirectoryAndACommandFailsAsTooLarge() throws Exception {
        Path avatars = Files.createDirectories(dir.resolve("avatars"));
        Files.write(avatars.resolve("a.png"), new byte[3000]);
        Path dump = Fixtures.script(dir.resolve("bin/dump"), "head -c 3000 /dev/zero\n");

        assertThatThrownBy(() -> pipeline(5000, directory("avatars", avatars, List.of(), false),
                command("dump.sql", dump, Duration.ofSeconds(30))).capture(Trigger.MANUAL, null))
                .isInstanceOfSatisfying(CaptureException.class,
                        e -> assertThat(e.kind()).isEqualTo(CaptureException.Kind.TOO_LARGE))
                .hasMessage("Cannot capture MANUAL snapshot of appliance nas-17: cannot stage"
                        + " source 'dump.sql': the output of command '" + dump + "' grew past the"
                        + " 2000 bytes left within capture.max-snapshot-bytes; it was killed");
        assertNothingCaptured();
    }

    @Test
    void aManifestTooLargeForTheVaultFailsAsTooLarge() throws Exception {
        Path many = Files.createDirectories(dir.resolve("many"));
        FileTime mtime = FileTime.from(Instant.parse("2025-01-01T00:00:00Z"));
        for (int i = 0; i < 5000; i++) {
            Path file = Files.writeString(many.resolve("avatar-" + i + ".png"), "x");
            Files.setLastModifiedTime(file, mtime);
        }

        assertThatThrownBy(() -> pipeline(1 << 30, directory("many", many, List.of(), false))
                .capture(Trigger.MANUAL, null))
                .isInstanceOfSatisfying(CaptureException.class,
                        e -> assertThat(e.kind()).isEqualTo(CaptureException.Kind.TOO_LARGE))
                .hasMessageMatching("Cannot capture MANUAL snapshot of appliance nas-17: its"
                        + " manifest of 5000 entries takes \\d{7} bytes, more than the 1048576 a"
                        + " snapshot may have; exclude files from the directory sources");
        assertNothingCaptured();
    }

    @Test
    void anEntryCapturedByTwoSourcesFailsTheSnapshot() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/passbolt/gpg"));
        Path key = Files.writeString(etc.resolve("serverkey.asc"), "PUBLIC KEY");

        assertThatThrownBy(() -> pipeline(1 << 20,
                directory("etc/passbolt", etc.getParent(), List.of(), false),
                file("etc/passbolt/gpg/serverkey.asc", key, true)).capture(Trigger.MANUAL, null))
                .isInstanceOfSatisfying(CaptureException.class,
                        e -> assertThat(e.kind()).isEqualTo(CaptureException.Kind.FAILED))
                .hasMessage("Cannot capture MANUAL snapshot of appliance nas-17: the entry"
                        + " 'etc/passbolt/gpg/serverkey.asc' is captured by source 'etc/passbolt'"
                        + " and by source 'etc/passbolt/gpg/serverkey.asc'; exclude it from one"
                        + " of them");
        assertNothingCaptured();
    }

    @Test
    void anEntryThatIsAlsoAnotherEntrysDirectoryFailsTheSnapshot() throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc/passbolt"));
        Files.writeString(etc.resolve("gpg"), "a file where the keys' directory would be");
        Path key = Files.writeString(dir.resolve("serverkey.asc"), "PUBLIC KEY");

        assertThatThrownBy(() -> pipeline(1 << 20,
                directory("etc/passbolt", etc, List.of(), false),
                file("etc/passbolt/gpg/serverkey.asc", key, true)).capture(Trigger.MANUAL, null))
                .isInstanceOf(CaptureException.class)
                .hasMessage("Cannot capture MANUAL snapshot of appliance nas-17: the entry"
                        + " 'etc/passbolt/gpg' of source 'etc/passbolt' is also the directory of"
                        + " entry 'etc/passbolt/gpg/serverkey.asc' of source"
                        + " 'etc/passbolt/gpg/serverkey.asc'; exclude one of them");
        assertNothingCaptured();
    }

    private void assertNothingCaptured() throws Exception {
        assertThat(outbox.depth()).isZero();
        assertThat(outbox.oldest()).isEmpty();
        assertThat(stagingLeftovers()).isEmpty();
        assertThat(status.lastError()).hasValueSatisfying(error ->
                assertThat(error).startsWith("Cannot capture"));
        assertThat(status.restorability()).isEmpty();
    }

    private record Bundle(Manifest manifest, Map<String, byte[]> contents) {
    }

    private Bundle read() throws Exception {
        Map<String, byte[]> contents = new HashMap<>();
        try (InputStream in = Files.newInputStream(outbox.oldest().orElseThrow().spoolFile())) {
            Manifest manifest = BundleReader.read(in, BundleLimits.DEFAULT,
                    (e, content) -> contents.put(e.name(), content.readAllBytes()));
            return new Bundle(manifest, contents);
        }
    }

    private static SnapshotSource file(String name, Path path, boolean required) {
        return new FileSource(new SourceSpec(name, SourceKind.FILE, path, true, required, null));
    }

    private static SnapshotSource directory(String name, Path path, List<String> include,
                                            boolean required) {
        return new DirectorySource(new SourceSpec(name, SourceKind.DIRECTORY, path, true,
                required, null), new DirectoryTree(path, include, List.of()));
    }

    private static SnapshotSource command(String name, Path program, Duration timeout) {
        return new CommandSource(new SourceSpec(name, SourceKind.COMMAND, null, true),
                new CommandSource.Command(List.of(program.toString()), timeout, Map.of(), null));
    }

    private SnapshotPipeline pipeline(long maxBytes, SnapshotSource... sources) {
        CaptureProperties capture = new CaptureProperties("nas-17", "lab", "Europe/Berlin",
                dataDir.toString(), maxBytes);
        return new SnapshotPipeline(capture, List.of(sources), plaintextSealer, outbox, status,
                clock);
    }

    private List<Path> stagingLeftovers() throws Exception {
        Path staging = dataDir.resolve("staging");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.toList();
        }
    }
}
