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
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
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

    private TestSnapshots() {
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
        Map<String, Path> staged = new LinkedHashMap<>();
        List<ManifestEntry> manifestEntries = new ArrayList<>();
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            Path file = Files.createTempFile(dir, "entry", ".bin");
            Files.writeString(file, entry.getValue(), StandardCharsets.UTF_8);
            staged.put(entry.getKey(), file);
            manifestEntries.add(new ManifestEntry(entry.getKey(), SourceKind.FILE, Files.size(file),
                    Sha256.of(file), 0600, Instant.now(), true));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, applianceId, fleet, id, 1,
                Trigger.MANUAL, Instant.ofEpochMilli(id.unixMillis()), ZoneId.of("UTC"), "test",
                null, true, null, manifestEntries);
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
