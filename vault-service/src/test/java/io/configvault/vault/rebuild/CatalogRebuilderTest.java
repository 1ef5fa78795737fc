package io.configvault.vault.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.ObjectMetadata;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.ingest.ObjectKeys;
import io.configvault.vault.store.InMemoryBlobStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogRebuilderTest {

    static final Instant T0 = Instant.parse("2026-03-29T01:30:00.123Z");

    @TempDir
    Path dir;
    InMemoryBlobStore store = new InMemoryBlobStore();
    InMemoryCatalog catalog = new InMemoryCatalog();
    List<CatalogRebuilder.Skipped> skipped = new ArrayList<>();

    static SnapshotRecord record(String appliance, int sequence, String label) {
        SnapshotId id = SnapshotId.mint(Clock.fixed(T0.plusSeconds(sequence), ZoneOffset.UTC));
        return new SnapshotRecord(id, appliance, "lab", sequence, Trigger.SCHEDULE,
                T0.plusSeconds(sequence), "Europe/Berlin", label, sequence % 2 == 0,
                1000 + sequence, "a".repeat(64), 2000 + sequence, "b".repeat(64),
                ObjectKeys.snapshot("lab", appliance, id), "F1NGERPRINT",
                T0.plusSeconds(sequence + 1), null, null);
    }

    void put(String key, long size, Map<String, String> metadata) throws Exception {
        Path file = Files.write(dir.resolve("object"), new byte[(int) size]);
        store.create(key, file, "", metadata, null);
    }

    void put(SnapshotRecord record) throws Exception {
        put(record.objectKey(), record.storedBytes(), ObjectMetadata.of(record));
    }

    CatalogRebuilder.Result rebuild() throws Exception {
        return new CatalogRebuilder(store, catalog, 2).rebuild(skipped::add);
    }

    @Test
    void everyObjectUnderSnapshotsGivesItsRowPageByPage() throws Exception {
        List<SnapshotRecord> records = List.of(record("nas-1", 1, "before upgrade / ünïcode"),
                record("nas-1", 2, null), record("nas-2", 3, "x"), record("nas-3", 4, null),
                record("nas-3", 5, null));
        for (SnapshotRecord record : records) {
            put(record);
        }
        put("selftest/left-over", 3, Map.of("cv-selftest", "1"));
        put("snapshots-elsewhere/x", 3, Map.of());

        CatalogRebuilder.Result result = rebuild();

        assertThat(result).isEqualTo(new CatalogRebuilder.Result(5, 5, 0));
        assertThat(skipped).isEmpty();
        for (SnapshotRecord record : records) {
            assertThat(catalog.snapshot(record.id())).contains(record);
        }
    }

    @Test
    void unreadableMovedAndDuplicateObjectsAreSkippedAndReportedTheRestRebuilt() throws Exception {
        SnapshotRecord good = record("nas-1", 1, null);
        SnapshotRecord noSequence = record("nas-1", 2, null);
        SnapshotRecord moved = record("nas-2", 3, null);
        put(good);
        Map<String, String> missing = new HashMap<>(ObjectMetadata.of(noSequence));
        missing.remove("cv-sequence");
        put(noSequence.objectKey(), 10, missing);
        put("snapshots/lab/nas-9/foreign.tar.pgp", 10, Map.of("owner", "someone else"));
        put("snapshots/lab/nas-9/" + moved.id() + ".tar.pgp", 10, ObjectMetadata.of(moved));
        put("snapshots/lab/nas-1/copy-of-" + good.id() + ".tar.pgp", 10, ObjectMetadata.of(good));

        CatalogRebuilder.Result result = rebuild();

        assertThat(result).isEqualTo(new CatalogRebuilder.Result(5, 1, 4));
        assertThat(catalog.snapshot(good.id())).contains(good);
        assertThat(catalog.snapshot(noSequence.id())).isEmpty();
        assertThat(skipped).extracting(CatalogRebuilder.Skipped::key).containsExactlyInAnyOrder(
                noSequence.objectKey(), "snapshots/lab/nas-9/foreign.tar.pgp",
                "snapshots/lab/nas-9/" + moved.id() + ".tar.pgp",
                "snapshots/lab/nas-1/copy-of-" + good.id() + ".tar.pgp");
        Map<String, String> reasons = new HashMap<>();
        skipped.forEach(s -> reasons.put(s.key(), s.reason()));
        assertThat(reasons.get(noSequence.objectKey())).isEqualTo("object "
                + noSequence.objectKey() + " has malformed metadata: cv-sequence is missing");
        assertThat(reasons.get("snapshots/lab/nas-9/foreign.tar.pgp")).isEqualTo("object"
                + " snapshots/lab/nas-9/foreign.tar.pgp has no cv-format 1 metadata (not written"
                + " by this vault, or by a newer one)");
        assertThat(reasons.get("snapshots/lab/nas-9/" + moved.id() + ".tar.pgp")).isEqualTo(
                "its metadata describes snapshot " + moved.id() + " of appliance nas-2 in fleet"
                        + " lab, which the vault stores under " + moved.objectKey()
                        + " (a moved or copied object)");
        assertThat(reasons.get("snapshots/lab/nas-1/copy-of-" + good.id() + ".tar.pgp"))
                .startsWith("its metadata describes snapshot " + good.id());
    }

    @Test
    void aSnapshotIdAlreadyInTheCatalogIsReported() throws Exception {
        SnapshotRecord record = record("nas-1", 1, null);
        put(record);
        catalog.insert(record);

        CatalogRebuilder.Result result = rebuild();

        assertThat(result).isEqualTo(new CatalogRebuilder.Result(1, 0, 1));
        assertThat(skipped).containsExactly(new CatalogRebuilder.Skipped(record.objectKey(),
                "snapshot " + record.id() + " already has a row (from another object or an"
                        + " earlier run)"));
    }

    @Test
    void anEmptyBucketRebuildsNothing() throws Exception {
        assertThat(rebuild()).isEqualTo(new CatalogRebuilder.Result(0, 0, 0));
        assertThat(skipped).isEmpty();
    }
}
