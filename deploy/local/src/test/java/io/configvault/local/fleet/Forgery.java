package io.configvault.local.fleet;

import io.configvault.shared.crypto.OpenPgpEncryptor;
import io.configvault.shared.crypto.OpenPgpKeys;
import io.configvault.shared.crypto.PgpPublicKey;
import io.configvault.shared.crypto.PgpSecretKey;
import io.configvault.shared.event.EncodedRecord;
import io.configvault.shared.event.SealedSnapshotFile;
import io.configvault.shared.event.Segment;
import io.configvault.shared.event.SegmentCodec;
import io.configvault.shared.snapshot.SnapshotId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * An attacker (or a broken agent) with a producer on the snapshot topic: seals bundles to the
 * vault's real ingest key with any signer, cuts them into segments, and publishes whatever
 * records it likes, straight to the broker.
 */
final class Forgery implements AutoCloseable {

    private final FleetFixture fleet;
    private final Path dir;
    private final PgpPublicKey ingest;
    private final KafkaProducer<byte[], byte[]> producer;

    Forgery(FleetFixture fleet, Path dir) throws Exception {
        this.fleet = fleet;
        this.dir = Files.createDirectories(dir);
        this.ingest = OpenPgpKeys.readPublicKey(Files.readString(
                fleet.publicKeyFile("vault-ingest")));
        Properties props = fleet.stack().kafkaProps();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** Where forged files go. */
    Path dir() {
        return dir;
    }

    /** The real secret key of an enrolled appliance of the fleet (a stolen key). */
    PgpSecretKey key(String appliance) throws Exception {
        char[] passphrase = Files.readString(fleet.passphraseFile()).toCharArray();
        return OpenPgpKeys.readSecretKey(Files.readString(fleet.secretKeyFile(appliance)),
                passphrase);
    }

    /** A key the vault has never seen. */
    static PgpSecretKey foreignKey() throws Exception {
        char[] passphrase = "mallory".toCharArray();
        return OpenPgpKeys.readSecretKey(
                OpenPgpKeys.generate("mallory", passphrase).armoredSecretKey(), passphrase);
    }

    static SnapshotId newId() {
        return SnapshotId.mint(Clock.systemUTC());
    }

    /** Encrypts {@code bundle} to the vault's ingest key, signed by {@code signer}. */
    Path seal(Path bundle, PgpSecretKey signer) throws Exception {
        Path sealed = dir.resolve(bundle.getFileName() + ".pgp");
        try (InputStream in = Files.newInputStream(bundle);
             OutputStream out = Files.newOutputStream(sealed)) {
            OpenPgpEncryptor.encrypt(in, out, List.of(ingest), signer, "bundle.tar");
        }
        return sealed;
    }

    /** The segments an agent would publish for {@code sealed}, claiming {@code appliance}. */
    static List<Segment> segments(Path sealed, String appliance, SnapshotId id,
                                  int segmentBytes) throws IOException {
        SealedSnapshotFile file = SealedSnapshotFile.of(sealed, appliance, id, segmentBytes);
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < file.segmentCount(); i++) {
            segments.add(file.segment(i));
        }
        return segments;
    }

    /** Publishes the segments in the order given; returns where each landed. */
    List<RecordMetadata> publish(List<Segment> segments) throws Exception {
        List<RecordMetadata> landed = new ArrayList<>();
        for (Segment segment : segments) {
            EncodedRecord record = SegmentCodec.encode(segment);
            List<Header> headers = new ArrayList<>();
            record.headers().forEach(h -> headers.add(new RecordHeader(h.name(), h.value())));
            landed.add(publishRaw(record.key(), record.value(), headers));
        }
        return landed;
    }

    /** Publishes any record at all. */
    RecordMetadata publishRaw(byte[] key, byte[] value, List<Header> headers) throws Exception {
        return producer.send(new ProducerRecord<>(FleetFixture.TOPIC, null, key, value, headers))
                .get();
    }

    @Override
    public void close() {
        producer.close();
    }
}
