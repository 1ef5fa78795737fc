package io.configvault.capture.restore;

import io.configvault.capture.source.SourceSpec;
import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a verified snapshot with the appliance's current files, entry by entry, and decides
 * what a restore does. Entries map to configured sources by name (a {@code sqlite} or
 * {@code file} entry is named after its source). Reads only; changes nothing.
 */
final class Planner {

    private Planner() {
    }

    /**
     * @param sources  the configured sources, in configuration order
     * @param savedDir where entries that are not restored automatically are put
     * @throws RestoreException {@link ExitCode#REFUSED} when a target cannot take its entry
     *                          (a link, a directory, a missing parent directory) or cannot be
     *                          read
     */
    static RestorePlan plan(VerifiedSnapshot snapshot, List<SourceSpec> sources, Path savedDir)
            throws RestoreException {
        Map<String, SourceSpec> byName = new LinkedHashMap<>();
        sources.forEach(spec -> byName.put(spec.name(), spec));
        List<PlannedEntry> planned = new ArrayList<>();
        for (ManifestEntry entry : snapshot.manifest().entries()) {
            planned.add(entry(entry, snapshot.contents().get(entry.name()),
                    byName.remove(entry.name()), savedDir));
        }
        for (SourceSpec spec : byName.values()) {
            String below = spec.name() + "/";
            boolean hasFiles = snapshot.manifest().entries().stream()
                    .anyMatch(e -> e.name().startsWith(below));
            if (spec.kind() == SourceKind.DIRECTORY && hasFiles) {
                continue; // its files are entries of their own (saved, above)
            }
            planned.add(new PlannedEntry(spec.name(), PlannedEntry.Action.NOT_IN_SNAPSHOT,
                    spec.kind(), spec.path(), null, 0, null,
                    "not in the snapshot; left as it is"));
        }
        return new RestorePlan(snapshot, planned);
    }

    private static PlannedEntry entry(ManifestEntry entry, Path content, SourceSpec spec,
                                      Path savedDir) throws RestoreException {
        if (entry.kind() == SourceKind.COMMAND || entry.kind() == SourceKind.DIRECTORY) {
            return new PlannedEntry(entry.name(), PlannedEntry.Action.SAVE, entry.kind(),
                    savedDir.resolve(entry.name()), content, entry.mode(), null,
                    entry.kind().wireName() + " entries are not restored automatically");
        }
        if (spec == null) {
            return skip(entry, content, "no configured source has this name");
        }
        if (spec.kind() != entry.kind()) {
            return skip(entry, content, "the entry is a " + entry.kind().wireName()
                    + " entry, the configured source a " + spec.kind().wireName() + " source");
        }
        Path target = spec.path();
        if (!exists(target, spec)) {
            return new PlannedEntry(entry.name(), PlannedEntry.Action.ADD, entry.kind(), target,
                    content, entry.mode(), null, "");
        }
        if (sha256(target, spec).equals(entry.sha256())) {
            return new PlannedEntry(entry.name(), PlannedEntry.Action.UNCHANGED, entry.kind(),
                    target, content, entry.mode(), null, "");
        }
        if (entry.kind() != SourceKind.SQLITE) {
            return new PlannedEntry(entry.name(), PlannedEntry.Action.CHANGE, entry.kind(),
                    target, content, entry.mode(), null, "");
        }
        SqliteContent restored;
        try {
            restored = SqliteFiles.content(content);
        } catch (IOException e) {
            throw new RestoreException(ExitCode.REFUSED, "the snapshot's " + entry.name()
                    + " is not a readable SQLite database (" + e.getMessage() + ")", e);
        }
        SqliteContent.Changes tables;
        String detail;
        try {
            tables = SqliteFiles.content(target).changesTo(restored);
            detail = tables.describe();
        } catch (IOException e) {
            // Restoring over an unreadable database is exactly what a restore is for.
            tables = null;
            detail = "the current file cannot be read as a SQLite database: " + e.getMessage();
        }
        return new PlannedEntry(entry.name(), PlannedEntry.Action.CHANGE, entry.kind(), target,
                content, entry.mode(), tables, detail);
    }

    private static PlannedEntry skip(ManifestEntry entry, Path content, String why) {
        return new PlannedEntry(entry.name(), PlannedEntry.Action.SKIP, entry.kind(), null,
                content, entry.mode(), null, why);
    }

    /** True for a regular file, false when absent (its directory must exist); else refused. */
    private static boolean exists(Path target, SourceSpec spec) throws RestoreException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(target,
                    BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink() || !attributes.isRegularFile()) {
                throw refused(spec, "it is not a regular file (a link, directory or device)");
            }
            return true;
        } catch (NoSuchFileException e) {
            if (!Files.isDirectory(target.getParent(), LinkOption.NOFOLLOW_LINKS)) {
                throw refused(spec, "its directory " + target.getParent() + " does not exist");
            }
            return false;
        } catch (IOException e) {
            throw refused(spec, "cannot read its attributes (" + e.getClass().getSimpleName()
                    + ")");
        }
    }

    private static String sha256(Path target, SourceSpec spec) throws RestoreException {
        try (InputStream in = Files.newInputStream(target, LinkOption.NOFOLLOW_LINKS)) {
            return Sha256.of(in);
        } catch (IOException e) {
            throw refused(spec, "cannot read it (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static RestoreException refused(SourceSpec spec, String reason) {
        return new RestoreException(ExitCode.REFUSED, "cannot restore " + spec.describe() + ": "
                + reason);
    }
}
