package io.configvault.capture.snapshot;

import io.configvault.capture.config.CaptureProperties;
import io.configvault.capture.outbox.NewSnapshot;
import io.configvault.capture.outbox.Outbox;
import io.configvault.capture.outbox.OutboxException;
import io.configvault.capture.seal.SealException;
import io.configvault.capture.seal.SnapshotSealer;
import io.configvault.capture.source.ConfiguredSources;
import io.configvault.capture.source.SnapshotSource;
import io.configvault.capture.source.SourceException;
import io.configvault.capture.source.StagedEntry;
import io.configvault.capture.status.AgentStatus;
import io.configvault.capture.status.CaptureMetrics;
import io.configvault.capture.status.LogFields;
import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.ContentDigest;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Takes a snapshot: stage every source, mint id and sequence, write the bundle, seal it, put it
 * into the outbox. When an automatic trigger finds the content unchanged since the last snapshot,
 * a heartbeat is put into the outbox instead ({@link HeartbeatStep}). Staged plaintext lives only
 * in a private staging directory that is deleted whatever the outcome. Captures are serialized by
 * this object's lock.
 */
@Singleton
public final class SnapshotPipeline implements SnapshotCapture {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPipeline.class);

    private final CaptureProperties capture;
    private final List<SnapshotSource> sources;
    private final SnapshotSealer sealer;
    private final Outbox outbox;
    private final AgentStatus status;
    private final Clock clock;
    private final Path stagingRoot;
    private final HeartbeatStep heartbeats;
    private final CaptureMetrics metrics;

    @Inject
    public SnapshotPipeline(CaptureProperties capture, ConfiguredSources sources,
                            SnapshotSealer sealer, Outbox outbox, AgentStatus status,
                            Clock clock, CaptureMetrics metrics) {
        this(capture, sources.all(), sealer, outbox, status, clock,
                capture.dataPath().resolve("staging"), metrics);
    }

    public SnapshotPipeline(CaptureProperties capture, List<SnapshotSource> sources,
                            SnapshotSealer sealer, Outbox outbox, AgentStatus status,
                            Clock clock) {
        this(capture, sources, sealer, outbox, status, clock,
                capture.dataPath().resolve("staging"));
    }

    /**
     * A pipeline that stages in {@code stagingRoot} (cleaned now) instead of the agent's
     * {@code <data-dir>/staging}: the restore command's, so that it never deletes the staging
     * directory of a capture the running agent has in progress.
     */
    public SnapshotPipeline(CaptureProperties capture, List<SnapshotSource> sources,
                            SnapshotSealer sealer, Outbox outbox, AgentStatus status,
                            Clock clock, Path stagingRoot) {
        this(capture, sources, sealer, outbox, status, clock, stagingRoot, CaptureMetrics.none());
    }

    /** @param metrics where captures are counted and timed */
    public SnapshotPipeline(CaptureProperties capture, List<SnapshotSource> sources,
                            SnapshotSealer sealer, Outbox outbox, AgentStatus status,
                            Clock clock, Path stagingRoot, CaptureMetrics metrics) {
        this.metrics = metrics;
        this.capture = capture;
        this.sources = List.copyOf(sources);
        this.sealer = sealer;
        this.outbox = outbox;
        this.status = status;
        this.clock = clock;
        this.stagingRoot = stagingRoot;
        this.heartbeats = new HeartbeatStep(sealer, outbox);
        try {
            StagingArea.clean(stagingRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clean the staging directory " + stagingRoot, e);
        }
    }

    @Override
    public synchronized CapturedSnapshot capture(Trigger trigger, String label,
                                                 SnapshotId requestId) throws CaptureException {
        String labelProblem = Labels.problem(label);
        if (labelProblem != null) {
            throw new IllegalArgumentException(labelProblem);
        }
        Instant capturedAt = clock.instant();
        Timer.Sample started = metrics.start();
        try (MDC.MDCCloseable appliance = MDC.putCloseable(LogFields.APPLIANCE_ID,
                     capture.applianceId());
             MDC.MDCCloseable fleet = MDC.putCloseable(LogFields.FLEET, capture.fleet());
             StagingArea staging = StagingArea.create(stagingRoot)) {
            MissingParts missing = new MissingParts();
            Map<ManifestEntry, Path> staged = stageSources(staging, missing);
            SnapshotId id = SnapshotId.mint(clock);
            MDC.put(LogFields.SNAPSHOT_ID, id.toString());
            long sequence = outbox.nextSequence();
            Manifest manifest = manifest(id, sequence, trigger, label, requestId, capturedAt,
                    List.copyOf(staged.keySet()), missing.reason());
            ManifestLimits.check(manifest);
            // Heartbeat step: unchanged content under an automatic trigger is a sign of life.
            String contentDigest = ContentDigest.of(manifest);
            Optional<Outbox.LastSnapshot> unchanged =
                    heartbeats.unchangedSince(manifest, contentDigest);
            if (unchanged.isPresent()) {
                CapturedSnapshot heartbeat = heartbeat(manifest, unchanged.get(), staging);
                metrics.unchanged(started);
                return heartbeat;
            }
            Path bundle = writeBundle(staging, manifest, staged);
            Path sealed = staging.file("sealed.pgp");
            sealer.seal(bundle, sealed);
            long sealedBytes = outbox.add(new NewSnapshot(id, sequence, trigger, capturedAt,
                    EventKind.SNAPSHOT, contentDigest), sealed).sealedBytes();
            status.succeeded(AgentStatus.Part.CAPTURE);
            status.captured(manifest.notRestorableReason());
            metrics.captured(trigger, started);
            if (!manifest.restorable()) {
                LOG.warn("Snapshot {} is not restorable: {}", id, manifest.notRestorableReason());
            }
            LOG.info("Captured snapshot {} (sequence {}, trigger {}, {} entries, {} bytes"
                    + " sealed); it is in the outbox", id, sequence, trigger, staged.size(),
                    sealedBytes);
            return new CapturedSnapshot(id, sequence, trigger, staged.size(), sealedBytes);
        } catch (SourceException e) {
            throw failed(trigger, e.tooLarge() ? CaptureException.Kind.TOO_LARGE
                    : CaptureException.Kind.FAILED, e);
        } catch (ManifestLimits.TooLargeException e) {
            throw failed(trigger, CaptureException.Kind.TOO_LARGE, e);
        } catch (EntryConflicts.Conflict | SealException | OutboxException e) {
            throw failed(trigger, CaptureException.Kind.FAILED, e);
        } catch (IOException e) {
            throw failed(trigger, CaptureException.Kind.FAILED, new IOException(
                    "a file operation failed (" + e + ")", e));
        } finally {
            MDC.remove(LogFields.SNAPSHOT_ID);
        }
    }

    private CapturedSnapshot heartbeat(Manifest manifest, Outbox.LastSnapshot last,
                                       StagingArea staging)
            throws IOException, SealException, OutboxException {
        CapturedSnapshot heartbeat = heartbeats.send(manifest, last,
                staging.file("heartbeat.json"), staging.file("heartbeat.pgp"));
        status.succeeded(AgentStatus.Part.CAPTURE);
        LOG.info("Content unchanged since snapshot {}: heartbeat {} (sequence {}, trigger {})"
                + " is in the outbox", last.snapshotId(), heartbeat.snapshotId(),
                heartbeat.sequence(), heartbeat.trigger());
        return heartbeat;
    }

    /**
     * Stages every source in order, within what is left of the size limit. A missing source
     * (absent, or disabled) does not fail the snapshot: a required one goes into
     * {@code missing}, which makes the snapshot not restorable; any other is skipped with a
     * warning.
     */
    private Map<ManifestEntry, Path> stageSources(StagingArea staging, MissingParts missing)
            throws SourceException, EntryConflicts.Conflict, IOException {
        Map<ManifestEntry, Path> staged = new LinkedHashMap<>();
        EntryConflicts names = new EntryConflicts();
        long left = capture.maxSnapshotBytes();
        for (int i = 0; i < sources.size(); i++) {
            SnapshotSource source = sources.get(i);
            List<StagedEntry> entries;
            try {
                entries = source.stageEntries(staging.directory("source-" + i), left);
            } catch (SourceException e) {
                if (!e.missing()) {
                    throw e;
                }
                if (source.spec().required()) {
                    missing.add(source.spec(), e.reason());
                } else {
                    LOG.warn("Source '{}' is left out of this snapshot: {}",
                            source.spec().name(), e.reason());
                }
                continue;
            }
            if (entries.isEmpty() && source.spec().required()) {
                missing.add(source.spec(), "no file in it matches");
            }
            for (StagedEntry entry : entries) {
                names.add(entry.entry().name(), source.spec().name());
                left -= entry.entry().size();
                staged.put(entry.entry(), entry.content());
            }
        }
        return staged;
    }

    private Manifest manifest(SnapshotId id, long sequence, Trigger trigger, String label,
                              SnapshotId requestId, Instant capturedAt,
                              List<ManifestEntry> entries, String notRestorableReason) {
        return new Manifest(Manifest.FORMAT, capture.applianceId(), capture.fleet(), id, sequence,
                trigger, capturedAt, capture.zone(), AgentVersion.current(), label,
                notRestorableReason == null, notRestorableReason, entries, requestId);
    }

    private static Path writeBundle(StagingArea staging, Manifest manifest,
                                    Map<ManifestEntry, Path> staged) throws IOException {
        Map<String, Path> contents = new LinkedHashMap<>();
        staged.forEach((entry, file) -> contents.put(entry.name(), file));
        Path bundle = staging.file("bundle.tar");
        try (OutputStream out = Files.newOutputStream(bundle, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            BundleWriter.write(manifest, contents, out);
        }
        return bundle;
    }

    private CaptureException failed(Trigger trigger, CaptureException.Kind kind, Exception cause) {
        String message = "Cannot capture " + trigger + " snapshot of appliance "
                + capture.applianceId() + ": " + lowerFirst(cause.getMessage());
        status.failed(AgentStatus.Part.CAPTURE, message);
        metrics.failed(trigger);
        return new CaptureException(kind, message, cause);
    }

    private static String lowerFirst(String message) {
        if (message == null || message.isEmpty()) {
            return "unknown error";
        }
        return Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
