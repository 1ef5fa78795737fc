package io.configvault.vault.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.io.Sha256;
import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.InMemoryCatalog;
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
 * QUALITY.md scenario 27, on the way in: a sealed snapshot carrying a valid bundle from an
 * enrolled appliance, but in a message the vault must not accept, is refused with the reason;
 * nothing is stored and no plaintext stays in the spool.
 */
class HostileSealedSnapshotTest {

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
    void aSealedSnapshotWithAFlawIsRefusedAndNothingIsStored(Flaw flaw) throws Exception {
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", appliance.publicKey().armored(),
                appliance.publicKey().fingerprint(), Instant.now()));
        InMemoryBlobStore store = new InMemoryBlobStore();
        Path spool = Files.createDirectories(dir.resolve("spool"));
        SnapshotIngestor ingestor = Ingestors.of(catalog, store,
                new VaultKeys(ingest.secret(), storage.secret(), List.of()), Clock.systemUTC(),
                spool);
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", "SECRET-ROW-MARKER"), ingest.publicKey(), appliance.secret());
        Files.write(sealed.file(), HostileMessages.build(sealed.bundle(), flaw,
                ingest.publicKey(), appliance, outsider));

        IngestOutcome outcome = ingestor.ingest(new AssembledSnapshot("nas-1", sealed.id(),
                sealed.file(), Files.size(sealed.file()), Sha256.of(sealed.file())),
                Ingestors.POSITION);

        assertThat(outcome).isInstanceOfSatisfying(IngestOutcome.Refused.class, refused ->
                assertThat(refused.reason()).startsWith("Cannot decrypt snapshot: ")
                        .contains(flaw.refusal()).doesNotContain("SECRET-ROW-MARKER"));
        assertThat(store.size()).isZero();
        assertThat(catalog.snapshot(sealed.id())).isEmpty();
        assertThat(catalog.seen("nas-1")).isEmpty();
        try (Stream<Path> files = Files.list(spool)) {
            assertThat(files.toList()).as("spool after refusing " + flaw).isEmpty();
        }
    }
}
