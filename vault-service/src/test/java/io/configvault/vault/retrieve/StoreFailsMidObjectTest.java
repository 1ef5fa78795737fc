package io.configvault.vault.retrieve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.configvault.vault.catalog.Appliance;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.keys.VaultKeys;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.store.StoreReadException;
import io.configvault.vault.store.StoreUnavailableException;
import io.configvault.vault.testing.ForwardingStore;
import io.configvault.vault.testing.Ingestors;
import io.configvault.vault.testing.TestSnapshots;
import io.configvault.vault.testing.TestSnapshots.Keys;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retriever reads the object as it arrives from the store: when the store fails in the
 * middle of it, the request fails as the store's (transient) failure, not as a damaged object,
 * and no plaintext is left in the spool. The same object reads back once the store recovers.
 */
class StoreFailsMidObjectTest {

    @TempDir
    Path dir;

    @Test
    void aStoreFailureInTheMiddleOfTheObjectIsTransientAndReleasesNothing() throws Exception {
        Keys ingest = Keys.generate("ingest");
        Keys storage = Keys.generate("storage");
        Keys appliance = Keys.generate("nas-1");
        InMemoryCatalog catalog = new InMemoryCatalog();
        catalog.enrol(new Appliance("nas-1", "lab", appliance.publicKey().armored(),
                appliance.publicKey().fingerprint(), Instant.now()));
        CuttingStore store = new CuttingStore(new InMemoryBlobStore());
        Path spool = Files.createDirectories(dir.resolve("spool"));
        VaultKeys keys = new VaultKeys(ingest.secret(), storage.secret(), List.of());
        TestSnapshots.Sealed sealed = TestSnapshots.seal(dir, "nas-1", "lab",
                Map.of("config.db", "SECRET-ROW-MARKER"), ingest.publicKey(), appliance.secret());
        SnapshotRecord stored = Ingestors.store(
                Ingestors.of(catalog, store, keys, Clock.systemUTC(), spool), sealed);
        SnapshotRetriever retriever = Ingestors.retriever(store, keys, spool);

        store.cutAfter = 600;
        assertThatThrownBy(() -> retriever.retrieve(stored))
                .isExactlyInstanceOf(StoreUnavailableException.class)
                .hasMessage("Cannot download object " + stored.objectKey()
                        + ": connection reset (test)");
        assertThatThrownBy(() -> retriever.manifest(stored))
                .isExactlyInstanceOf(StoreUnavailableException.class);
        assertThat(spoolFiles(spool)).isEmpty();

        store.cutAfter = -1;
        VerifiedBundle bundle = retriever.retrieve(stored);
        try (InputStream in = bundle.open()) {
            assertThat(in.readAllBytes()).isEqualTo(sealed.bundle());
        }
        assertThat(spoolFiles(spool)).isEmpty();
    }

    private static List<Path> spoolFiles(Path spool) throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.toList();
        }
    }

    /** Passes every call on; while {@link #cutAfter} ≥ 0, object streams fail after so many bytes. */
    private static final class CuttingStore extends ForwardingStore {

        volatile long cutAfter = -1;

        CuttingStore(BlobStore target) {
            super(target);
        }

        @Override
        public InputStream open(String key) throws StoreException, IOException {
            long limit = cutAfter;
            if (limit < 0) {
                return super.open(key);
            }
            return new FilterInputStream(super.open(key)) {
                private long read;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= limit) {
                        throw new StoreReadException(new StoreUnavailableException(
                                "Cannot download object " + key + ": connection reset (test)",
                                null));
                    }
                    int n = super.read(b, off, (int) Math.min(len, limit - read));
                    read += Math.max(n, 0);
                    return n;
                }
            };
        }
    }
}
