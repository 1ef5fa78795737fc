package io.configvault.vault.diff;

import io.configvault.shared.bundle.BundleFormatException;
import io.configvault.shared.bundle.BundleLimits;
import io.configvault.shared.bundle.BundleReader;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.vault.catalog.SnapshotRecord;
import io.configvault.vault.config.DiffSettings;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.retrieve.IntegrityException;
import io.configvault.vault.retrieve.SnapshotRetriever;
import io.configvault.vault.retrieve.VerifiedBundle;
import io.configvault.vault.store.StoreException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Diffs two stored snapshots. Steps: retrieve both through {@link SnapshotRetriever} (decrypt,
 * signature, digests, manifest identity — nothing unverified is read); compare the manifests;
 * copy each changed SQLite entry of both out of the verified bundles into the spool (the bundle
 * reader checks each entry's digest again) and drop the bundles; diff each pair of databases
 * with {@link DatabaseDiff}, deleting the pair after. Every spool file is deleted before this
 * returns or throws. Disk: both bundles plus the changed SQLite entries at the peak; memory: the
 * manifests, two rows at a time and what the diff lists. Thread-safe.
 */
@Singleton
public final class SnapshotDiffer {

    private final SnapshotRetriever retriever;
    private final DatabaseOpener databases;
    private final DiffSettings settings;
    private final Redaction redaction;
    private final Path spool;

    public SnapshotDiffer(SnapshotRetriever retriever, DatabaseOpener databases,
                          DiffSettings settings, StorageSettings storage) {
        this.retriever = retriever;
        this.databases = databases;
        this.settings = settings;
        this.redaction = new Redaction(settings.sensitiveColumns());
        this.spool = storage.spoolDir();
    }

    /**
     * @throws IntegrityException when either snapshot fails verification (nothing is shown)
     * @throws StoreException     when the bucket cannot be read
     * @throws IOException        when the spool cannot be written or a database cannot be read
     *                            for reasons other than its content
     */
    public SnapshotDiff diff(SnapshotRecord from, SnapshotRecord to)
            throws IntegrityException, StoreException, IOException {
        DiffBudget budget = new DiffBudget(settings.maxChanges(), settings.maxTables());
        Map<String, Path> older = new HashMap<>();
        Map<String, Path> newer = new HashMap<>();
        try {
            EntryDiff entries;
            VerifiedBundle a = retriever.retrieve(from);
            try {
                VerifiedBundle b = retriever.retrieve(to);
                try {
                    entries = EntryDiff.of(a.manifest(), b.manifest());
                    Set<String> databaseNames = databasesToCompare(entries);
                    extract(a, databaseNames, older);
                    extract(b, databaseNames, newer);
                } finally {
                    b.discard();
                }
            } finally {
                a.discard();
            }
            List<SnapshotDiff.EntryChange> changed = new ArrayList<>();
            for (EntryDiff.Pair pair : entries.changed()) {
                changed.add(change(pair, older, newer, budget));
            }
            return new SnapshotDiff(from.id().toString(), to.id().toString(),
                    entries.added().stream().map(SnapshotDiff.Entry::of).toList(),
                    entries.removed().stream().map(SnapshotDiff.Entry::of).toList(),
                    changed, entries.unchanged(), budget.truncated());
        } finally {
            deleteAll(older);
            deleteAll(newer);
        }
    }

    private Set<String> databasesToCompare(EntryDiff entries) {
        Set<String> names = new HashSet<>();
        for (EntryDiff.Pair pair : entries.changed()) {
            if (semantic(pair)) {
                names.add(pair.from().name());
            }
        }
        return names;
    }

    private boolean semantic(EntryDiff.Pair pair) {
        return pair.from().kind() == SourceKind.SQLITE && pair.to().kind() == SourceKind.SQLITE
                && !pair.from().sha256().equals(pair.to().sha256()) && !hidden(pair);
    }

    private boolean hidden(EntryDiff.Pair pair) {
        return settings.hideSensitiveEntries()
                && (pair.from().sensitive() || pair.to().sensitive());
    }

    private SnapshotDiff.EntryChange change(EntryDiff.Pair pair, Map<String, Path> older,
                                            Map<String, Path> newer, DiffBudget budget)
            throws IOException {
        ManifestEntry a = pair.from();
        SnapshotDiff.Entry from = SnapshotDiff.Entry.of(a);
        SnapshotDiff.Entry to = SnapshotDiff.Entry.of(pair.to());
        if (a.kind() == SourceKind.SQLITE && pair.to().kind() == SourceKind.SQLITE
                && hidden(pair)) {
            return new SnapshotDiff.EntryChange(a.name(), from, to, null, "content not shown:"
                    + " the entry is marked sensitive (vault.api.diff.hide-sensitive-entries)");
        }
        if (!semantic(pair)) {
            return new SnapshotDiff.EntryChange(a.name(), from, to, null, null);
        }
        try {
            return new SnapshotDiff.EntryChange(a.name(), from, to,
                    compare(older.get(a.name()), newer.get(a.name()), budget), null);
        } catch (DatabaseOpener.NotADatabaseException e) {
            return new SnapshotDiff.EntryChange(a.name(), from, to, null,
                    "rows not compared: " + e.getMessage());
        } finally {
            Files.deleteIfExists(older.remove(a.name()));
            Files.deleteIfExists(newer.remove(a.name()));
        }
    }

    private SqliteDiff compare(Path older, Path newer, DiffBudget budget) throws IOException {
        try (DatabaseSource a = databases.open(older); DatabaseSource b = databases.open(newer)) {
            return DatabaseDiff.compare(a, b, redaction, budget);
        }
    }

    /** Copies the named entries out of a verified bundle; the bundle's spool file goes. */
    private void extract(VerifiedBundle bundle, Set<String> names, Map<String, Path> into)
            throws IOException {
        if (names.isEmpty()) {
            return;
        }
        try (InputStream in = bundle.open()) {
            BundleReader.read(in, BundleLimits.DEFAULT, (entry, content) -> {
                if (names.contains(entry.name())) {
                    Path copy = Files.createTempFile(spool, "diff-", ".db");
                    into.put(entry.name(), copy);
                    Files.copy(content, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            });
        } catch (BundleFormatException e) {
            throw new IOException("Cannot diff snapshot " + bundle.manifest().snapshotId()
                    + ": its verified spool file changed (" + e.getMessage() + ")", e);
        }
    }

    private static void deleteAll(Map<String, Path> files) throws IOException {
        for (Path file : files.values()) {
            Files.deleteIfExists(file);
        }
    }
}
