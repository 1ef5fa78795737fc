package io.configvault.vault.retention;

import io.configvault.shared.snapshot.SnapshotId;
import io.configvault.shared.snapshot.Trigger;
import io.configvault.vault.catalog.Catalog;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.catalog.PolicyCatalog;
import io.configvault.vault.catalog.PruneCatalog;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import io.configvault.vault.store.StoreException;
import io.configvault.vault.testing.MutableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A prune pass over an in-memory catalog and bucket (or given ones), a clock the test moves, a
 * meter registry, and a planning stand-in that keeps each appliance's newest {@link #keepNewest}
 * snapshots — ignoring holds on purpose, as a plan made just before an operator's hold would —
 * under the vault-wide policy. Tests swap any part before calling {@link #runner()}.
 */
final class PassFixture {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final StoredPolicy VAULT_POLICY = new StoredPolicy(PolicyScope.VAULT,
            new RetentionPolicy(new RuleSet(2, 0, 0, 0, 0, 0, null, null, null, null, null,
                    null), Map.of(), null), T0, "admin");

    final Path dir;
    final MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(30)));
    final MeterRegistry registry = new SimpleMeterRegistry();
    final RetentionMetrics metrics = new RetentionMetrics(registry);
    Catalog catalog;
    PruneCatalog prune;
    PolicyCatalog policies;
    BlobStore store = new InMemoryBlobStore();
    Ownership ownership = Ownership.ALL;
    int keepNewest = 2;
    Planning planning = this::keepNewest;
    PassFaults faults = PassFaults.NONE;
    Duration maxClockSkew = Duration.ofMinutes(10);
    private int sequence;

    PassFixture(Path dir) {
        this.dir = dir;
        InMemoryCatalog memory = new InMemoryCatalog();
        catalog = memory;
        prune = memory;
        policies = memory;
    }

    /** Uses another catalog (e.g. SQLite), in all its roles. */
    <C extends Catalog & PruneCatalog & PolicyCatalog> PassFixture catalog(C other) {
        catalog = other;
        prune = other;
        policies = other;
        return this;
    }

    private Planning.Planned keepNewest(PruneCatalog.ApplianceRef appliance,
                                        List<Candidate> candidates, Instant now) {
        List<Decision> keep = new ArrayList<>();
        List<Decision> delete = new ArrayList<>();
        for (Candidate candidate : candidates) {
            if (keep.size() < keepNewest) {
                keep.add(new Decision(candidate, List.of(Reason.of("keep-last"))));
            } else {
                delete.add(new Decision(candidate, List.of()));
            }
        }
        return new Planning.Planned(new AppliancePlan(appliance.applianceId(), "vault", keep,
                delete, List.of(), 0), VAULT_POLICY);
    }

    RetentionPass pass() {
        return new RetentionPass(prune, new ObjectDeletions(prune, store, faults), ownership,
                planning, new PassClockGuard(maxClockSkew), metrics, faults, clock);
    }

    RetentionPreview preview() {
        return new RetentionPreview(catalog, prune, ownership, planning,
                new PassClockGuard(maxClockSkew), clock);
    }

    PassRunner runner() {
        return new PassRunner(pass(), preview(), metrics);
    }

    /** Stores a snapshot (row and object) captured and stored at {@code at}. */
    SnapshotRecord store(String applianceId, String fleet, Instant at) throws Exception {
        return store(applianceId, fleet, at, at);
    }

    SnapshotRecord store(String applianceId, String fleet, Instant capturedAt, Instant storedAt)
            throws Exception {
        SnapshotId id = SnapshotId.mint(Clock.fixed(capturedAt, ZoneOffset.UTC));
        SnapshotRecord record = new SnapshotRecord(id, applianceId, fleet, ++sequence,
                Trigger.SCHEDULE, capturedAt, "UTC", null, true, 10, "b".repeat(64), 20,
                "c".repeat(64), "snapshots/" + fleet + "/" + applianceId + "/" + id + ".tar.pgp",
                "F".repeat(40), storedAt, null, null);
        byte[] content = ("object of " + id).getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(dir.resolve(id + ".tar.pgp"), content);
        store.create(record.objectKey(), file, Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("MD5").digest(content)), Map.of(), null);
        Files.delete(file);
        catalog.insert(record);
        return record;
    }

    /** Stores {@code count} snapshots of an appliance, one a day from T0, oldest first. */
    List<SnapshotRecord> daily(String applianceId, String fleet, int count) throws Exception {
        List<SnapshotRecord> stored = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            stored.add(store(applianceId, fleet, T0.plus(Duration.ofDays(i))));
        }
        return stored;
    }

    /** The object keys in the bucket. */
    Set<String> objects() throws StoreException {
        Set<String> keys = new HashSet<>();
        String after = null;
        while (true) {
            BlobStore.Page page = store.list("snapshots/", after, 1000);
            page.blobs().forEach(blob -> keys.add(blob.key()));
            if (page.next().isEmpty()) {
                return keys;
            }
            after = page.next().get();
        }
    }

    /** Whether the catalog still shows the snapshot. */
    boolean live(SnapshotRecord snapshot) throws CatalogException {
        return catalog.snapshot(snapshot.id()).isPresent();
    }

    double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }
}
