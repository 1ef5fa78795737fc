package io.configvault.local;

import io.configvault.shared.bundle.BundleWriter;
import io.configvault.shared.bundle.Manifest;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.io.Sha256;
import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An attacker's snapshot: well-formed, encrypted to the vault's real ingest key, claiming to be
 * the demo appliance, but signed with a key of its own.
 */
final class ForgedSnapshot {

    private ForgedSnapshot() {
    }

    static String publish(Map<String, String> env, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("forged"));
        char[] passphrase = "forger".toCharArray();
        var forger = OpenPgpKeys.readSecretKey(
                OpenPgpKeys.generate("mallory", passphrase).armoredSecretKey(), passphrase);
        Path ingestKey = Path.of(env.get("ESCROW_SECRET_KEY")).resolveSibling(
                "vault-ingest.public.asc");
        var ingest = OpenPgpKeys.readPublicKey(Files.readString(ingestKey));

        Path entry = dir.resolve("config.db");
        Files.writeString(entry, "forged configuration");
        SnapshotId id = SnapshotId.mint(Clock.systemUTC());
        Manifest manifest = new Manifest(Manifest.FORMAT, env.get("DEMO_APPLIANCE_ID"), "demo", id,
                999, Trigger.MANUAL, Instant.now(), ZoneId.of("UTC"), "forged", null, true, null,
                List.of(new ManifestEntry("config.db", SourceKind.SQLITE, Files.size(entry),
                        Sha256.of(entry), 0600, Instant.now(), true)));
        Path bundle = dir.resolve("bundle.tar");
        try (OutputStream out = Files.newOutputStream(bundle)) {
            BundleWriter.write(manifest, Map.of("config.db", entry), out);
        }
        Path sealed = dir.resolve("sealed.pgp");
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(ingest), forger, "bundle.tar");
        }

        Properties props = new Properties();
        props.put("bootstrap.servers", env.get("KAFKA_BOOTSTRAP"));
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        SealedSnapshotFile file = SealedSnapshotFile.of(sealed, env.get("DEMO_APPLIANCE_ID"), id,
                SealedSnapshotFile.DEFAULT_SEGMENT_BYTES);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props,
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < file.segmentCount(); i++) {
                EncodedRecord record = SegmentCodec.encode(file.segment(i));
                List<org.apache.kafka.common.header.Header> headers = new ArrayList<>();
                record.headers().forEach(h -> headers.add(new RecordHeader(h.name(), h.value())));
                producer.send(new ProducerRecord<>(env.get("SNAPSHOT_TOPIC"), null, record.key(),
                        record.value(), headers)).get();
            }
        }
        return id.toString();
    }
}
