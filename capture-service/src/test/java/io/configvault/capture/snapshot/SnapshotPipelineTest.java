package io.configvault.capture.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.InMemoryOutbox;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.seal.SnapshotSealer;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.source.SqliteSource;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.MutableClock;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.snapshot.Trigger;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPipelineTest {

    @TempDir
    Path dir;

    private final MutableClock clock = MutableClock.atEpochSecond(1_700_000_000);
    private final AgentStatus status = new AgentStatus(clock);
    private InMemoryOutbox outbox;
    private Path dataDir;
    private Path database;
    private Path appConf;

    /** Seals by copying: the test reads the bundle back from the spool. */
    private final SnapshotSealer plaintextSealer = (bundle, sealed) -> Files.copy(bundle, sealed);

    @BeforeEach
    void setUp() throws Exception {
        dataDir = dir.resolve("data");
        outbox = new InMemoryOutbox(dataDir.resolve("spool"));
        database = dir.resolve("config.db");
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "nas-17");
        }
        appConf = Files.writeString(dir.resolve("app.conf"), "listen=0.0.0.0\n");
    }

    @Test
    void capturesAllSourcesIntoOneBundleInTheOutbox() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());

        CapturedSnapshot captured = pipeline.capture(Trigger.MANUAL, "before upgrade");

        OutboxEntry entry = outbox.oldest().orElseThrow();
        assertThat(entry.snapshotId()).isEqualTo(captured.snapshotId());
        assertThat(entry.trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(entry.sequence()).isEqualTo(captured.sequence()).isEqualTo(1);
        Map<String, byte[]> contents = new HashMap<>();
        Manifest manifest;
        try (InputStream in = Files.newInputStream(entry.spoolFile())) {
            manifest = BundleReader.read(in, BundleLimits.DEFAULT,
                    (e, content) -> contents.put(e.name(), content.readAllBytes()));
        }
        assertThat(manifest.applianceId()).isEqualTo("nas-17");
        assertThat(manifest.fleet()).isEqualTo("lab");
        assertThat(manifest.snapshotId()).isEqualTo(captured.snapshotId());
        assertThat(manifest.sequence()).isEqualTo(1);
        assertThat(manifest.trigger()).isEqualTo(Trigger.MANUAL);
        assertThat(manifest.label()).isEqualTo("before upgrade");
        assertThat(manifest.capturedAt()).isEqualTo(clock.instant());
        assertThat(manifest.timeZone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(manifest.agentVersion()).isEqualTo("dev");
        assertThat(manifest.restorable()).isTrue();
        assertThat(manifest.entries()).extracting(e -> e.name() + ":" + e.kind())
                .containsExactly("config.db:SQLITE", "app.conf:FILE");
        assertThat(new String(contents.get("app.conf"))).isEqualTo("listen=0.0.0.0\n");
        Path restored = Files.write(dir.resolve("restored.db"), contents.get("config.db"));
        assertThat(LiveDatabase.rowsOf(restored)).containsEntry("hostname", "nas-17");
        assertThat(stagingLeftovers()).isEmpty();

        assertThat(pipeline.capture(Trigger.CHANGE, null).sequence()).isEqualTo(2);
    }

    @Test
    void anOversizedSnapshotFailsClearlyAndLeavesTheOutboxUntouched() throws Exception {
        Files.write(appConf, new byte[5000]);
        SnapshotPipeline pipeline = pipeline(4096, sources());

        assertThatThrownBy(() -> pipeline.capture(Trigger.CHANGE, null))
                .isInstanceOfSatisfying(CaptureException.class,
                        e -> assertThat(e.kind()).isEqualTo(CaptureException.Kind.TOO_LARGE))
                .hasMessageStartingWith("Cannot capture CHANGE snapshot of appliance nas-17:"
                        + " cannot stage source '")
                .hasMessageContaining("bytes left within capture.max-snapshot-bytes");

        assertThat(outbox.depth()).isZero();
        assertThat(outbox.oldest()).isEmpty();
        assertThat(dataDir.resolve("spool")).satisfiesAnyOf(
                spool -> assertThat(spool).doesNotExist(),
                spool -> assertThat(spool).isEmptyDirectory());
        assertThat(stagingLeftovers()).isEmpty();
        assertThat(status.lastError()).hasValueSatisfying(error ->
                assertThat(error).startsWith("Cannot capture CHANGE snapshot of appliance nas-17"));
    }

    @Test
    void aRefusedSourceFailsTheCaptureWithItsReason() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.conf"), appConf);
        SnapshotPipeline pipeline = pipeline(1 << 30, List.of(new FileSource(
                new SourceSpec("app.conf", SourceKind.FILE, link, false))));

        assertThatThrownBy(() -> pipeline.capture(Trigger.MANUAL, null))
                .isInstanceOf(CaptureException.class)
                .hasMessage("Cannot capture MANUAL snapshot of appliance nas-17: cannot stage"
                        + " source 'app.conf' (" + link + "): it is a symbolic link; configure"
                        + " the file it points to instead");
        assertThat(outbox.depth()).isZero();
        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void aFailingOutboxLeavesNoPlaintextBehind() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());
        outbox.failing(true);

        assertThatThrownBy(() -> pipeline.capture(Trigger.MANUAL, null))
                .isInstanceOf(CaptureException.class)
                .hasMessageContaining("failure injected by the test");
        assertThat(stagingLeftovers()).isEmpty();

        outbox.failing(false);
        pipeline.capture(Trigger.MANUAL, null);
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void leftoversOfAnInterruptedCaptureAreRemovedAtStartup() throws Exception {
        Path leftover = Files.createDirectories(dataDir.resolve("staging/4f0c"));
        Files.writeString(leftover.resolve("entry-0"), "plaintext secret");

        pipeline(1 << 30, sources());

        assertThat(stagingLeftovers()).isEmpty();
    }

    @Test
    void refusesALabelWithControlCharacters() {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());

        assertThatThrownBy(() -> pipeline.capture(Trigger.MANUAL, "a\nb"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the label contains a control character");
    }

    private List<SnapshotSource> sources() {
        return List.of(
                new SqliteSource(new SourceSpec("config.db", SourceKind.SQLITE, database, true)),
                new FileSource(new SourceSpec("app.conf", SourceKind.FILE, appConf, false)));
    }

    private SnapshotPipeline pipeline(long maxBytes, List<SnapshotSource> sources) {
        CaptureProperties capture = new CaptureProperties("nas-17", "lab", "Europe/Berlin",
                dataDir.toString(), maxBytes);
        return new SnapshotPipeline(capture, sources, plaintextSealer, outbox, status, clock);
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
