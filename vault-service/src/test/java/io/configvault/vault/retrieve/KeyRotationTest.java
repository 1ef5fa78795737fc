package io.configvault.vault.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.crypto.OpenPgpDecryptor;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.Ingestors;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QUALITY.md scenario 26: after a rotation new snapshots use the new storage key, old ones still
 * decrypt with the old key, nothing is re-uploaded; without the old key its snapshots fail with
 * an error that names the key and the setting.
 */
class KeyRotationTest {

    static Keys ingest;
    static Keys storageA;
    static Keys storageB;
    static Keys escrow;
    static Keys appliance;

    @TempDir
    Path dir;

    InMemoryCatalog catalog;
    InMemoryBlobStore store;
    Path spool;

    @BeforeAll
    static void keys() {
        ingest = Keys.generate("ingest");
        storageA = Keys.generate("storage-a");
        storageB = Keys.generate("storage-b");
        escrow = Keys.generate("escrow");
        appliance = Keys.generate("nas-1");
    }

    @BeforeEach
    void vault() throws Exception {
        catalog = new InMemoryCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", appliance.publicKey().armored(),
                appliance.publicKey().fingerprint(), Instant.now()));
        store = new InMemoryBlobStore();
        spool = Files.createDirectories(dir.resolve("spool"));
    }

    @Test
    void newSnapshotsUseTheNewKeyAndOldOnesStillDecryptWithoutReUpload() throws Exception {
        VaultKeys beforeRotation = new VaultKeys(ingest.secret(), storageA.secret(),
                List.of(escrow.publicKey()));
        TestSnapshots.Sealed first = seal("before rotation");
        SnapshotRecord old = store(beforeRotation, first);
        byte[] oldObject = object(old);

        VaultKeys rotated = new VaultKeys(ingest.secret(), storageB.secret(),
                List.of(storageA.secret()), List.of(escrow.publicKey()));
        TestSnapshots.Sealed second = seal("after rotation");
        SnapshotRecord fresh = store(rotated, second);

        assertThat(old.storageKey()).isEqualTo(storageA.publicKey().fingerprint());
        assertThat(fresh.storageKey()).isEqualTo(storageB.publicKey().fingerprint());
        assertThat(store.head(fresh.objectKey()).orElseThrow().metadata())
                .containsEntry(ObjectMetadata.STORAGE_KEY, storageB.publicKey().fingerprint());
        assertThat(store.size()).isEqualTo(2);
        assertThat(object(old)).as("the old object is untouched").isEqualTo(oldObject);

        SnapshotRetriever retriever = retriever(rotated);
        assertThat(read(retriever, old)).isEqualTo(first.bundle());
        assertThat(read(retriever, fresh)).isEqualTo(second.bundle());
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void aSnapshotWhoseKeyIsNoLongerConfiguredFailsNamingTheKeyAndTheSetting() throws Exception {
        SnapshotRecord old = store(new VaultKeys(ingest.secret(), storageA.secret(), List.of()),
                seal("before rotation"));
        VaultKeys withoutA = new VaultKeys(ingest.secret(), storageB.secret(), List.of());
        SnapshotRecord fresh = store(withoutA, seal("after rotation"));
        SnapshotRetriever retriever = retriever(withoutA);

        assertThatThrownBy(() -> retriever.retrieve(old))
                .isInstanceOfSatisfying(StorageKeyUnavailableException.class, e ->
                        assertThat(e.fingerprint()).isEqualTo(storageA.publicKey().fingerprint()))
                .hasMessage("Cannot read snapshot " + old.id() + " of appliance nas-1: it is"
                        + " encrypted to storage key " + storageA.publicKey().fingerprint()
                        + ", which is not configured (the vault has ["
                        + storageB.publicKey().fingerprint() + "]); add that key's secret key file"
                        + " to vault.keys.previous-storage-secret-key-files, or recover the object"
                        + " with an escrow key");
        assertThat(read(retriever, fresh)).isNotEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anObjectRelabelledWithAnotherConfiguredKeyFailsIntegrity() throws Exception {
        SnapshotRecord old = store(new VaultKeys(ingest.secret(), storageA.secret(), List.of()),
                seal("written under A"));
        SnapshotRecord relabelled = withStorageKey(old, storageB.publicKey().fingerprint());
        SnapshotRetriever retriever = retriever(new VaultKeys(ingest.secret(),
                storageB.secret(), List.of(storageA.secret()), List.of()));

        assertThatThrownBy(() -> retriever.retrieve(relabelled))
                .isInstanceOf(IntegrityException.class)
                .isNotInstanceOf(StorageKeyUnavailableException.class)
                .hasMessageContaining("failed verification: Cannot decrypt snapshot: it is"
                        + " encrypted to");
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void damageToTheEscrowRecipientsPacketIsCaughtByTheObjectDigest() throws Exception {
        VaultKeys keys = new VaultKeys(ingest.secret(), storageA.secret(),
                List.of(escrow.publicKey()));
        SnapshotRecord record = store(keys, seal("to be damaged"));
        byte[] damaged = object(record);
        // The escrow key's session key packet is the second packet; OpenPGP authenticates no
        // session key packet, so the storage key alone would not notice this.
        damaged[endOfSecondPacket(damaged) - 3] ^= 0x01;
        store.tamper(record.objectKey(), damaged);
        ByteArrayOutputStream plaintext = new ByteArrayOutputStream();
        OpenPgpDecryptor.decrypt(new ByteArrayInputStream(damaged), plaintext,
                List.of(storageA.secret()), storageA.publicKey(), OpenPgpDecryptor.Limits.DEFAULT);
        assertThat(plaintext.size()).as("the storage key still decrypts it").isPositive();

        assertThatThrownBy(() -> retriever(keys).retrieve(record))
                .isInstanceOf(IntegrityException.class)
                .hasMessage("Snapshot " + record.id() + " failed verification: integrity check"
                        + " failed: object digest differs from the catalog");
        assertThat(spoolFiles()).isEmpty();
    }

    /** Where the second OpenPGP packet ends (new-format one- or two-octet lengths, as BC writes). */
    private static int endOfSecondPacket(byte[] message) {
        int position = 0;
        for (int packet = 0; packet < 2; packet++) {
            int header = message[position] & 0xff;
            assertThat(header & 0xC0).as("new-format packet").isEqualTo(0xC0);
            int first = message[position + 1] & 0xff;
            if (first < 192) {
                position += 2 + first;
            } else {
                assertThat(first).isLessThanOrEqualTo(223);
                position += 3 + ((first - 192) << 8) + (message[position + 2] & 0xff) + 192;
            }
        }
        return position;
    }

    private TestSnapshots.Sealed seal(String content) throws Exception {
        return TestSnapshots.seal(dir, "nas-1", "lab", Map.of("config.db", content),
                ingest.publicKey(), appliance.secret());
    }

    private SnapshotRecord store(VaultKeys keys, TestSnapshots.Sealed sealed) throws Exception {
        Ingestors.store(Ingestors.of(catalog, store, keys, Clock.systemUTC(), spool), sealed);
        return catalog.snapshot(sealed.id()).orElseThrow();
    }

    private SnapshotRetriever retriever(VaultKeys keys) {
        return new SnapshotRetriever(store, keys,
                new StorageSettings(dir.resolve("catalog.db"), spool, 1 << 30));
    }

    private static byte[] read(SnapshotRetriever retriever, SnapshotRecord record)
            throws Exception {
        VerifiedBundle bundle = retriever.retrieve(record);
        try (var in = bundle.open()) {
            return in.readAllBytes();
        }
    }

    private byte[] object(SnapshotRecord record) throws Exception {
        Path copy = Files.createTempFile(dir, "object", ".pgp");
        store.download(record.objectKey(), copy);
        return Files.readAllBytes(copy);
    }

    private List<Path> spoolFiles() throws Exception {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    static SnapshotRecord withStorageKey(SnapshotRecord r, String fingerprint) {
        return new SnapshotRecord(r.id(), r.applianceId(), r.fleet(), r.sequence(), r.trigger(),
                r.capturedAt(), r.timeZone(), r.label(), r.restorable(), r.bundleBytes(),
                r.bundleSha256(), r.storedBytes(), r.storedSha256(), r.objectKey(), fingerprint,
                r.storedAt(), r.retainUntil(), r.lockMode());
    }
}
