package io.configvault.capture.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.InMemoryOutbox;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxEntry;
import io.configvault.capture.outbox.SqliteOutbox;
import io.configvault.capture.seal.SnapshotSealer;
import io.configvault.capture.source.FileSource;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SourceSpec;
import io.configvault.capture.source.SqliteSource;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.status.CaptureMetrics;
import io.configvault.capture.testing.JsonLogs;
import io.configvault.capture.testing.LiveDatabase;
import io.configvault.capture.testing.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.ContentDigest;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.heartbeat.HeartbeatCodec;
import io.configvault.shared.snapshot.Trigger;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

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
    void capturesAreCountedByTriggerAndTimedAndFailuresCountedApart() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CaptureProperties capture = new CaptureProperties("nas-17", "lab", "Europe/Berlin",
                dataDir.toString(), 1 << 30);
        SnapshotPipeline pipeline = new SnapshotPipeline(capture, sources(), plaintextSealer,
                outbox, status, clock, dataDir.resolve("staging"), new CaptureMetrics(registry));

        pipeline.capture(Trigger.MANUAL, null);
        Files.write(appConf, new byte[5000]);
        SnapshotPipeline small = new SnapshotPipeline(new CaptureProperties("nas-17", "lab",
                "Europe/Berlin", dataDir.toString(), 4096), sources(), plaintextSealer, outbox,
                status, clock, dataDir.resolve("staging"), new CaptureMetrics(registry));
        assertThatThrownBy(() -> small.capture(Trigger.CHANGE, null))
                .isInstanceOf(CaptureException.class);

        assertThat(registry.get("configvault.snapshots.captured").tag("trigger", "manual")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("configvault.snapshots.captured").tag("trigger", "change")
                .counter().count()).isZero();
        assertThat(registry.get("configvault.snapshots.failed").tag("trigger", "change")
                .counter().count()).isEqualTo(1.0);
        assertThat(registry.get("configvault.capture.duration").timer().count()).isEqualTo(1);
    }

    @Test
    void inJsonTheCaptureLogLineCarriesTheAppliancesAndTheSnapshotsIds() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());

        CapturedSnapshot captured;
        try (JsonLogs.Recorder log = new JsonLogs.Recorder(SnapshotPipeline.class)) {
            captured = pipeline.capture(Trigger.MANUAL, null);

            JsonNode line = log.line("Captured snapshot " + captured.snapshotId());
            assertThat(line.path("mdc").path("applianceId").asText()).isEqualTo("nas-17");
            assertThat(line.path("mdc").path("fleet").asText()).isEqualTo("lab");
            assertThat(line.path("mdc").path("snapshotId").asText())
                    .isEqualTo(captured.snapshotId().toString());
        }
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
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

    @Test
    void unchangedContentUnderChangeScheduleAndCatchUpTriggersIsAHeartbeat() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());
        CapturedSnapshot snapshot = pipeline.capture(Trigger.CHANGE, null);
        // A commit that leaves the rows as they were (it moves PRAGMA data_version) and a
        // touched file.
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.touch();
        }
        Files.setLastModifiedTime(appConf, FileTime.from(clock.instant().plusSeconds(60)));

        List<CapturedSnapshot> heartbeats = new ArrayList<>();
        for (Trigger trigger : List.of(Trigger.CHANGE, Trigger.SCHEDULE, Trigger.CATCH_UP)) {
            clock.advance(Duration.ofMinutes(1));
            heartbeats.add(pipeline.capture(trigger, null));
        }

        assertThat(snapshot.kind()).isEqualTo(EventKind.SNAPSHOT);
        assertThat(heartbeats).extracting(CapturedSnapshot::kind).containsOnly(EventKind.HEARTBEAT);
        assertThat(heartbeats).extracting(CapturedSnapshot::sequence).containsExactly(2L, 3L, 4L);
        Manifest manifest = manifestOf(snapshot);
        Heartbeat first = heartbeatOf(heartbeats.getFirst());
        assertThat(first).isEqualTo(new Heartbeat(Heartbeat.FORMAT, "nas-17", "lab",
                heartbeats.getFirst().snapshotId(), first.at(), Trigger.CHANGE,
                snapshot.snapshotId(), ContentDigest.of(manifest), "dev"));
        assertThat(first.at()).isEqualTo(manifest.capturedAt().plus(Duration.ofMinutes(1)));
        assertThat(heartbeats).extracting(h -> heartbeatOf(h).trigger())
                .containsExactly(Trigger.CHANGE, Trigger.SCHEDULE, Trigger.CATCH_UP);
        assertThat(outbox.held()).extracting(Outbox.Held::snapshotId).containsExactly(
                snapshot.snapshotId(), heartbeats.get(0).snapshotId(),
                heartbeats.get(1).snapshotId(), heartbeats.get(2).snapshotId());
        assertThat(outbox.lastSnapshot()).contains(
                new Outbox.LastSnapshot(snapshot.snapshotId(), ContentDigest.of(manifest)));
        assertThat(stagingLeftovers()).isEmpty();
        assertThat(status.lastError()).isEmpty();
    }

    @Test
    void manualAndPreRestoreCapturesAreAlwaysFullSnapshots() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());
        pipeline.capture(Trigger.CHANGE, null);

        CapturedSnapshot manual = pipeline.capture(Trigger.MANUAL, "before upgrade");
        CapturedSnapshot preRestore = pipeline.capture(Trigger.PRE_RESTORE, null);

        assertThat(List.of(manual, preRestore)).extracting(CapturedSnapshot::kind)
                .containsOnly(EventKind.SNAPSHOT);
        assertThat(manifestOf(manual).label()).isEqualTo("before upgrade");
        assertThat(outbox.lastSnapshot()).map(Outbox.LastSnapshot::snapshotId)
                .contains(preRestore.snapshotId());
        assertThat(pipeline.capture(Trigger.SCHEDULE, null).kind()).isEqualTo(EventKind.HEARTBEAT);
    }

    @Test
    void changedContentIsAFullSnapshotAndLaterHeartbeatsVouchForIt() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());
        CapturedSnapshot first = pipeline.capture(Trigger.CHANGE, null);
        try (LiveDatabase db = LiveDatabase.create(database)) {
            db.put("hostname", "nas-18");
        }

        CapturedSnapshot changed = pipeline.capture(Trigger.CHANGE, null);
        Files.writeString(appConf, "listen=127.0.0.1\n");
        CapturedSnapshot fileChanged = pipeline.capture(Trigger.SCHEDULE, null);
        CapturedSnapshot unchanged = pipeline.capture(Trigger.SCHEDULE, null);

        assertThat(List.of(first, changed, fileChanged)).extracting(CapturedSnapshot::kind)
                .containsOnly(EventKind.SNAPSHOT);
        assertThat(ContentDigest.of(manifestOf(changed)))
                .isNotEqualTo(ContentDigest.of(manifestOf(first)));
        assertThat(unchanged.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(heartbeatOf(unchanged).lastSnapshotId()).isEqualTo(fileChanged.snapshotId());
        assertThat(heartbeatOf(unchanged).contentDigest())
                .isEqualTo(ContentDigest.of(manifestOf(fileChanged)));
    }

    @Test
    void aLastSnapshotThatCanNeverBePublishedIsNotVouchedFor() throws Exception {
        SnapshotPipeline pipeline = pipeline(1 << 30, sources());
        CapturedSnapshot damaged = pipeline.capture(Trigger.CHANGE, null);
        outbox.markDamaged(damaged.snapshotId(), "its spool file is missing");

        CapturedSnapshot next = pipeline.capture(Trigger.CHANGE, null);

        assertThat(next.kind()).isEqualTo(EventKind.SNAPSHOT);
        assertThat(pipeline.capture(Trigger.CHANGE, null).kind()).isEqualTo(EventKind.HEARTBEAT);
    }

    @Test
    void theLastSnapshotsDigestSurvivesARestartOfTheOutbox() throws Exception {
        CaptureProperties capture = new CaptureProperties("nas-17", "lab", "Europe/Berlin",
                dataDir.toString(), 1 << 30);
        CapturedSnapshot snapshot;
        try (SqliteOutbox sqlite = SqliteOutbox.open(dataDir, clock)) {
            snapshot = new SnapshotPipeline(capture, sources(), plaintextSealer, sqlite, status,
                    clock).capture(Trigger.CHANGE, null);
        }

        CapturedSnapshot afterRestart;
        try (SqliteOutbox sqlite = SqliteOutbox.open(dataDir, clock)) {
            afterRestart = new SnapshotPipeline(capture, sources(), plaintextSealer, sqlite,
                    status, clock).capture(Trigger.SCHEDULE, null);
            assertThat(sqlite.oldest()).map(OutboxEntry::kind).contains(EventKind.SNAPSHOT);
        }

        assertThat(afterRestart.kind()).isEqualTo(EventKind.HEARTBEAT);
        assertThat(heartbeatOf(afterRestart).lastSnapshotId()).isEqualTo(snapshot.snapshotId());
    }

    private Manifest manifestOf(CapturedSnapshot snapshot) throws Exception {
        try (InputStream in = Files.newInputStream(spoolFile(snapshot))) {
            return BundleReader.read(in, BundleLimits.DEFAULT, BundleReader.DISCARD);
        }
    }

    private Heartbeat heartbeatOf(CapturedSnapshot heartbeat) {
        try {
            return HeartbeatCodec.decode(Files.readAllBytes(spoolFile(heartbeat)));
        } catch (Exception e) {
            throw new AssertionError("Cannot read heartbeat " + heartbeat.snapshotId(), e);
        }
    }

    private Path spoolFile(CapturedSnapshot captured) {
        return dataDir.resolve("spool").resolve(captured.snapshotId() + ".pgp");
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
