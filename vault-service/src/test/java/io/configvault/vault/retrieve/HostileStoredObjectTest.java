package io.configvault.vault.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.testing.HostileMessages;
import io.configvault.vault.testing.HostileMessages.Flaw;
import io.configvault.vault.testing.Ingestors;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * QUALITY.md scenario 27, at rest: someone with write access to the bucket and its metadata
 * (so that the object digest matches what a rebuilt catalog records) replaces a stored object
 * with the same bundle in a message the vault must not accept. The download fails closed and
 * leaves no plaintext in the spool.
 */
class HostileStoredObjectTest {

    static Keys ingest;
    static Keys storage;
    static Keys appliance;
    static Keys outsider;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() {
        ingest = Keys.generate("ingest");
        storage = Keys.generate("storage");
        appliance = Keys.generate("nas-1");
        outsider = Keys.generate("mallory");
    }

    @ParameterizedTest
    @EnumSource(Flaw.class)
    void aStoredObjectWithAFlawIsRefusedAndReleasesNothing(Flaw flaw) throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", appliance.publicKey().armored(),
                appliance.publicKey().fingerprint(), Instant.now()));
        InMemoryBlobStore store = new InMemoryBlobStore();
        Path spool = Files.createDirectories(dir.resolve("spool"));
        VaultKeys keys = new VaultKeys(ingest.secret(), storage.secret(), List.of());
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", "SECRET-ROW-MARKER"), ingest.publicKey(), appliance.secret());
        SnapshotRecord stored = Ingestors.store(
                Ingestors.of(catalog, store, keys, Clock.systemUTC(), spool), sealed);

        byte[] hostile = HostileMessages.build(sealed.bundle(), flaw, storage.publicKey(),
                storage, outsider);
        store.tamper(stored.objectKey(), hostile);
        SnapshotRecord rebuilt = withStoredSha256(stored, Sha256.of(hostile));
        SnapshotRetriever retriever = Ingestors.retriever(store, keys, spool);

        assertThatThrownBy(() -> retriever.retrieve(rebuilt))
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("Snapshot " + stored.id() + " failed verification: "
                        + "Cannot decrypt snapshot: ")
                .hasMessageContaining(flaw.refusal())
                .hasMessageNotContaining("SECRET-ROW-MARKER");
        assertThatThrownBy(() -> retriever.manifest(rebuilt)).as("the manifest alone")
                .isInstanceOf(IntegrityException.class)
                .hasMessageStartingWith("Snapshot " + stored.id() + " failed verification: "
                        + "Cannot decrypt snapshot: ")
                .hasMessageContaining(flaw.refusal());
        assertThatThrownBy(() -> retriever.manifest(stored)).as("object digest first")
                .isInstanceOf(IntegrityException.class)
                .hasMessageEndingWith("object digest differs from the catalog");
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.toList()).as("spool after refusing " + flaw).isEmpty();
        }
    }

    private static SnapshotRecord withStoredSha256(SnapshotRecord r, String sha256) {
        return new SnapshotRecord(r.id(), r.applianceId(), r.fleet(), r.sequence(), r.trigger(),
                r.capturedAt(), r.timeZone(), r.label(), r.restorable(), r.bundleBytes(),
                r.bundleSha256(), r.storedBytes(), sha256, r.objectKey(), r.storageKey(),
                r.storedAt(), r.retainUntil(), r.lockMode());
    }
}
