package io.configvault.vault.testing;

import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpKeys.GeneratedKey;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpException;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.EventKind;
import io.configvault.shared.event.Segment;
import io.configvault.shared.heartbeat.Heartbeat;
import io.configvault.shared.heartbeat.HeartbeatCodec;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds real sealed snapshots the way an appliance does: bundle → OpenPGP encrypted to the
 * ingest key and signed by the appliance key → segments.
 */
public final class TestSnapshots {

    /** A key pair for tests, unlocked. */
    public record Keys(GeneratedKey generated, PgpSecretKey secret) {
        public PgpPublicKey publicKey() {
            return secret.publicKey();
        }

        public static Keys generate(String userId) {
            char[] passphrase = "test-passphrase".toCharArray();
            try {
                GeneratedKey key = OpenPgpKeys.generate(userId, passphrase);
                return new Keys(key, OpenPgpKeys.readSecretKey(key.armoredSecretKey(), passphrase));
            } catch (OpenPgpException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A sealed snapshot on disk plus what went into it. */
    public record Sealed(SnapshotId id, String applianceId, Path file, byte[] bundle,
                         Map<String, String> entries) {
        public List<EncodedRecord> records(int segmentBytes) throws IOException {
            SealedSnapshotFile sealed = SealedSnapshotFile.of(file, applianceId, id, segmentBytes);
            List<EncodedRecord> records = new ArrayList<>();
            for (int i = 0; i < sealed.segmentCount(); i++) {
                records.add(SegmentCodec.encode(sealed.segment(i)));
            }
            return records;
        }
    }

    /** A sealed heartbeat in memory plus the document that went into it. */
    public record SealedHeartbeat(Heartbeat heartbeat, byte[] sealed) {
        /** The event as the agent publishes it, claiming {@code applianceId}. */
        public Segment segment(String applianceId) {
            return new Segment(applianceId, heartbeat.heartbeatId(), 0, 1, sealed.length,
                    Sha256.of(sealed), sealed, EventKind.HEARTBEAT);
        }

        public EncodedRecord record() {
            return SegmentCodec.encode(segment(heartbeat.applianceId()));
        }
    }

    private TestSnapshots() {
    }

    /** A heartbeat document of format 1, taken now, vouching for {@code lastSnapshotId}. */
    public static Heartbeat heartbeat(String applianceId, String fleet, Instant at,
                                      SnapshotId lastSnapshotId) {
        return new Heartbeat(Heartbeat.FORMAT, applianceId, fleet,
                SnapshotId.mint(Clock.fixed(at, ZoneId.of("UTC"))), at, Trigger.SCHEDULE,
                lastSnapshotId, "d".repeat(64), "test");
    }

    /** Seals a document as the agent does: to the ingest key, signed by {@code signer}. */
    public static SealedHeartbeat seal(Heartbeat heartbeat, PgpPublicKey ingest,
                                       PgpSecretKey signer) throws IOException, OpenPgpException {
        return sealBytes(heartbeat, HeartbeatCodec.encode(heartbeat), ingest, signer);
    }

    /** Seals arbitrary bytes in a heartbeat's place (for documents the vault must refuse). */
    public static SealedHeartbeat sealBytes(Heartbeat claimed, byte[] plaintext,
                                            PgpPublicKey ingest, PgpSecretKey signer)
            throws IOException, OpenPgpException {
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        OpenPgpEncryptor.encrypt(new ByteArrayInputStream(plaintext), sealed, List.of(ingest),
                signer, "bundle.tar");
        return new SealedHeartbeat(claimed, sealed.toByteArray());
    }

    public static Sealed seal(Path dir, String applianceId, String fleet, Map<String, String> entries,
                              PgpPublicKey ingest, PgpSecretKey signer)
            throws IOException, OpenPgpException {
        return seal(dir, applianceId, fleet, SnapshotId.mint(Clock.systemUTC()), entries, ingest,
                signer);
    }

    public static Sealed seal(Path dir, String applianceId, String fleet, SnapshotId id,
                              Map<String, String> entries, PgpPublicKey ingest,
                              PgpSecretKey signer) throws IOException, OpenPgpException {
        return seal(dir, applianceId, fleet, id, 1, Trigger.MANUAL, ZoneId.of("UTC"), entries,
                ingest, signer);
    }

    /**
     * A snapshot with the given manifest facts; captured at the id's time (mint the id with a
     * fixed clock to choose it).
     */
    public static Sealed seal(Path dir, String applianceId, String fleet, SnapshotId id,
                              long sequence, Trigger trigger, ZoneId zone,
                              Map<String, String> entries, PgpPublicKey ingest,
                              PgpSecretKey signer) throws IOException, OpenPgpException {
        return seal(dir, applianceId, fleet, id, sequence, trigger, zone, entries, ingest, signer,
                null);
    }

    /** A manual snapshot taken for the snapshot request {@code requestId}. */
    public static Sealed sealRequested(Path dir, String applianceId, String fleet,
                                       SnapshotId requestId, PgpPublicKey ingest,
                                       PgpSecretKey signer) throws IOException, OpenPgpException {
        return seal(dir, applianceId, fleet, SnapshotId.mint(Clock.systemUTC()), 1,
                Trigger.MANUAL, ZoneId.of("UTC"), Map.of("config.db", "row"), ingest, signer,
                requestId);
    }

    private static Sealed seal(Path dir, String applianceId, String fleet, SnapshotId id,
                               long sequence, Trigger trigger, ZoneId zone,
                               Map<String, String> entries, PgpPublicKey ingest,
                               PgpSecretKey signer, SnapshotId requestId)
            throws IOException, OpenPgpException {
        Map<String, Path> staged = new LinkedHashMap<>();
        List<ManifestEntry> manifestEntries = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            Path file = Files.createTempFile(dir, "entry", ".bin");
            Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
            staged.put(entry.getKey(), file);
            manifestEntries.add(new ManifestEntry(entry.getKey(), SourceKind.FILE, Files.size(file),
                    Sha256.of(file), 0600, Instant.now(), true));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, applianceId, fleet, id, sequence,
                trigger, Instant.ofEpochMilli(id.unixMillis()), zone, "test", null, true, null,
                manifestEntries, requestId);
        Path bundle = Files.createTempFile(dir, "bundle", ".tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, staged, out);
        }
        Path sealed = Files.createTempFile(dir, "sealed", ".pgp");
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(ingest), signer, "bundle.tar");
        }
        return new Sealed(id, applianceId, sealed, Files.readAllBytes(bundle), entries);
    }
}
