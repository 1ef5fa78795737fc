package io.configvault.capture.source;

import io.configvault.shared.bundle.ManifestEntry;
import io.configvault.shared.bundle.SourceKind;
import io.configvault.shared.io.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A live SQLite database, copied with {@code VACUUM INTO}: SQLite writes a complete, compacted
 * database from inside one read transaction, so the copy is consistent while the application
 * keeps writing (in WAL mode writers are not even blocked). The online backup API ({@code backup
 * to}) is not used: it restarts whenever another connection writes, and under steady writes never
 * finishes.
 *
 * <p>The copy is then switched to the rollback journal, so that it is one self-contained file
 * that any SQLite tool opens, even read-only; a restore may switch it back to WAL.
 */
public final class SqliteSource implements SnapshotSource {

    private final SourceSpec spec;

    public SqliteSource(SourceSpec spec) {
        this.spec = spec;
    }

    @Override
    public SourceSpec spec() {
        return spec;
    }

    @Override
    public List<StagedEntry> stageEntries(Path dir, long maxBytes) throws SourceException {
        Path target = dir.resolve("content");
        return List.of(new StagedEntry(stage(target, maxBytes), target));
    }

    /** Copies the current content to {@code target}, which must not exist yet. */
    public ManifestEntry stage(Path target, long maxBytes) throws SourceException {
        SourceFiles file = SourceFiles.regularFile(spec);
        if (file.size() > maxBytes) {
            throw SourceException.tooLarge(spec, file.size(), maxBytes);
        }
        try (Connection connection = SqliteConnections.openExisting(spec.path());
             PreparedStatement vacuum = connection.prepareStatement("VACUUM INTO ?")) {
            vacuum.setString(1, target.toString());
            vacuum.execute();
        } catch (SQLException e) {
            throw SourceException.of(spec, "SQLite cannot copy it (" + e.getMessage() + ")", e);
        }
        selfContained(target);
        try {
            long size = Files.size(target);
            if (size > maxBytes) {
                throw SourceException.tooLarge(spec, size, maxBytes);
            }
            return new ManifestEntry(spec.name(), SourceKind.SQLITE, size, Sha256.of(target),
                    file.mode(), file.modifiedAt(), spec.sensitive());
        } catch (IOException e) {
            throw SourceException.of(spec, "cannot read its copy (" + SourceFiles.reason(e) + ")",
                    e);
        }
    }

    private void selfContained(Path copy) throws SourceException {
        try (Connection connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + copy);
             Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA journal_mode = DELETE");
        } catch (SQLException e) {
            throw SourceException.of(spec, "SQLite cannot finish its copy (" + e.getMessage()
                    + ")", e);
        }
    }
}
