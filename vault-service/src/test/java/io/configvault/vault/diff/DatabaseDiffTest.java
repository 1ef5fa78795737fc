package io.configvault.vault.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.shared.io.Sha256;
import io.configvault.vault.diff.SqliteDiff.ColumnChange;
import io.configvault.vault.diff.SqliteDiff.RowChange;
import io.configvault.vault.diff.SqliteDiff.SchemaChange;
import io.configvault.vault.diff.SqliteDiff.TableChanges;
import io.configvault.vault.diff.sqlite.SqliteDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The semantic diff on real SQLite files made here, read through the real adapter. */
class DatabaseDiffTest {

    static final List<String> PATTERNS = List.of("*password*", "*secret*", "*key*", "*token*");

    @TempDir
    Path dir;

    int files;

    @Test
    void identicalDatabasesHaveAnEmptyDiff() throws Exception {
        Path a = db("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                "CREATE INDEX t_v ON t (v)", "INSERT INTO t VALUES (1, 'one'), (2, 'two')");
        Path b = copy(a);

        SqliteDiff diff = diff(a, b);

        assertThat(diff.empty()).isTrue();
        assertThat(diff.tablesUnchanged()).isEqualTo(1);
        assertThat(diff.truncated()).isFalse();
    }

    @Test
    void rowsAddedRemovedAndChangedByPrimaryKeyWithTheChangedColumnsOnly() throws Exception {
        String schema = "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT, shell TEXT)";
        Path a = db(schema, "INSERT INTO users VALUES (1, 'root', '/bin/sh'),"
                + " (2, 'backup', '/usr/sbin/nologin'), (3, 'old', '/bin/sh')");
        Path b = db(schema, "INSERT INTO users VALUES (1, 'root', '/bin/bash'),"
                + " (2, 'backup', '/usr/sbin/nologin'), (4, 'new', NULL)");

        SqliteDiff diff = diff(a, b);

        assertThat(diff.schemaChanges()).isEmpty();
        TableChanges users = only(diff);
        assertThat(users.table()).isEqualTo("users");
        assertThat(users.key()).containsExactly("id");
        assertThat(users.rowsAdded()).isEqualTo(1);
        assertThat(users.rowsRemoved()).isEqualTo(1);
        assertThat(users.rowsChanged()).isEqualTo(1);
        assertThat(users.changes()).containsExactly(
                new RowChange("changed", Map.of("id", 1L), null,
                        Map.of("shell", new ColumnChange("/bin/sh", "/bin/bash")), 0),
                new RowChange("removed", Map.of("id", 3L),
                        values("name", "old", "shell", "/bin/sh"), null, 0),
                new RowChange("added", Map.of("id", 4L), values("name", "new", "shell", null),
                        null, 0));
    }

    @Test
    void theApiShowsSqlNullAsJsonNull() throws Exception {
        RowChange added = new RowChange("added", Map.of("id", 4L),
                values("name", "new", "shell", null), null, 0);

        String json = new String(io.micronaut.serde.ObjectMapper.getDefault()
                .writeValueAsBytes(added), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"change\":\"added\",\"key\":{\"id\":4},"
                + "\"values\":{\"name\":\"new\",\"shell\":null},\"columns\":null,"
                + "\"columnsOmitted\":0}");
    }

    @Test
    void schemaChangesOfTablesIndexesViewsAndTriggers() throws Exception {
        Path a = db("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                "CREATE TABLE gone (x)", "CREATE VIEW v1 AS SELECT id FROM t",
                "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 1; END",
                "INSERT INTO t VALUES (1, 'a')");
        Path b = db("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)",
                "ALTER TABLE t ADD COLUMN extra TEXT DEFAULT 'x'", "CREATE TABLE fresh (y)",
                "CREATE INDEX t_v ON t (v)",
                "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT 2; END",
                "INSERT INTO t (id, v) VALUES (1, 'a')");

        SqliteDiff diff = diff(a, b);

        assertThat(diff.tablesAdded()).containsExactly("fresh");
        assertThat(diff.tablesRemoved()).containsExactly("gone");
        assertThat(diff.schemaChanges()).extracting(SchemaChange::type, SchemaChange::name)
                .containsExactly(Tuple.tuple("index", "t_v"),
                        Tuple.tuple("table", "t"),
                        Tuple.tuple("trigger", "tr"),
                        Tuple.tuple("view", "v1"));
        SchemaChange table = diff.schemaChanges().get(1);
        assertThat(table.from()).isEqualTo("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
        assertThat(table.to()).contains("extra TEXT DEFAULT 'x'");
        assertThat(diff.schemaChanges().get(0).from()).isNull();
        assertThat(diff.schemaChanges().get(3).to()).isNull();
        // Rows are compared over the columns both versions have: the new column is no change.
        assertThat(diff.tables()).isEmpty();
        assertThat(diff.tablesUnchanged()).isEqualTo(1);
    }

    @Test
    void aTableWithoutPrimaryKeyIsKeyedByRowid() throws Exception {
        Path a = db("CREATE TABLE log (line TEXT)", "INSERT INTO log VALUES ('a'), ('b')");
        Path b = db("CREATE TABLE log (line TEXT)", "INSERT INTO log VALUES ('a'), ('B'), ('c')");

        TableChanges log = only(diff(a, b));

        assertThat(log.key()).containsExactly("rowid");
        assertThat(log.changes()).containsExactly(
                new RowChange("changed", Map.of("rowid", 2L), null,
                        Map.of("line", new ColumnChange("b", "B")), 0),
                new RowChange("added", Map.of("rowid", 3L), values("line", "c"), null, 0));
    }

    @Test
    void aWithoutRowidTableIsKeyedByItsCompositeKey() throws Exception {
        String schema = "CREATE TABLE acl (share TEXT, principal TEXT, mode TEXT,"
                + " PRIMARY KEY (share, principal)) WITHOUT ROWID";
        Path a = db(schema, "INSERT INTO acl VALUES ('media', 'bob', 'ro'), ('media', 'amy', 'rw'),"
                + " ('docs', 'amy', 'rw')");
        Path b = db(schema, "INSERT INTO acl VALUES ('docs', 'amy', 'rw'), ('media', 'amy', 'ro'),"
                + " ('media', 'bob', 'ro')");

        TableChanges acl = only(diff(a, b));

        assertThat(acl.key()).containsExactly("share", "principal");
        assertThat(acl.changes()).containsExactly(new RowChange("changed",
                values("share", "media", "principal", "amy"), null,
                Map.of("mode", new ColumnChange("rw", "ro")), 0));
    }

    @Test
    void keysOfEveryTypeAndANocaseCollationStillMatchUp() throws Exception {
        String schema = "CREATE TABLE mixed (k PRIMARY KEY, v)";
        String rows = "INSERT INTO mixed VALUES (NULL, 'n'), (-3, 'i'), (2.5, 'r'), (3, 'j'),"
                + " ('B', 't1'), ('a', 't2'), ('é', 't3'), (x'00ff', 'b1'), (x'01', 'b2')";
        String nocase = "CREATE TABLE names (k TEXT PRIMARY KEY COLLATE NOCASE, v)";
        Path a = db(schema, rows, nocase, "INSERT INTO names VALUES ('a', 1), ('B', 2), ('c', 3)");
        Path b = db(schema, rows, "UPDATE mixed SET v = 'changed' WHERE k = x'01'", nocase,
                "INSERT INTO names VALUES ('a', 1), ('B', 2), ('c', 4)");

        SqliteDiff diff = diff(a, b);

        assertThat(diff.tables()).extracting(TableChanges::table, TableChanges::rowsAdded,
                TableChanges::rowsRemoved, TableChanges::rowsChanged).containsExactly(
                Tuple.tuple("mixed", 0L, 0L, 1L),
                Tuple.tuple("names", 0L, 0L, 1L));
        assertThat(diff.tables().getFirst().changes().getFirst().key().get("k"))
                .isEqualTo(Map.of("blobBytes", 1L, "sha256", Sha256.of(new byte[] {1})));
    }

    @Test
    void sensitiveColumnsAndTablesAreRedactedInValuesAndKeys() throws Exception {
        Path a = db("CREATE TABLE users (id INTEGER PRIMARY KEY, PassWord_Hash TEXT, shell TEXT)",
                "INSERT INTO users VALUES (1, '$6$old-hash', '/bin/sh')",
                "CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT)",
                "INSERT INTO secrets VALUES ('cloud', 'old-secret-value')",
                "CREATE TABLE api (api_key TEXT PRIMARY KEY, owner TEXT)",
                "INSERT INTO api VALUES ('k-123-old', 'amy')");
        Path b = db("CREATE TABLE users (id INTEGER PRIMARY KEY, PassWord_Hash TEXT, shell TEXT)",
                "INSERT INTO users VALUES (1, '$6$new-hash', '/bin/bash')",
                "CREATE TABLE secrets (name TEXT PRIMARY KEY, value TEXT)",
                "INSERT INTO secrets VALUES ('cloud', 'new-secret-value')",
                "CREATE TABLE api (api_key TEXT PRIMARY KEY, owner TEXT)",
                "INSERT INTO api VALUES ('k-123-new', 'amy')");

        SqliteDiff diff = diff(a, b);

        String json = new ObjectMapper().writeValueAsString(diff);
        assertThat(json).doesNotContain("hash\"", "old-hash", "new-hash", "secret-value",
                "k-123", "cloud");
        TableChanges api = diff.tables().get(0);
        // 'k-123-new' sorts before 'k-123-old': the added row comes first.
        assertThat(api.changes()).extracting(RowChange::change).containsExactly("added",
                "removed");
        assertThat(api.changes().get(0).key()).isEqualTo(Map.of("api_key", "<redacted>"));
        assertThat(api.changes().get(0).values()).isEqualTo(Map.of("owner", "amy"));
        TableChanges secrets = diff.tables().get(1);
        assertThat(secrets.changes().getFirst()).isEqualTo(new RowChange("changed",
                Map.of("name", "<redacted>"), null,
                Map.of("value", new ColumnChange("<redacted>", "<redacted>")), 0));
        TableChanges users = diff.tables().get(2);
        assertThat(users.changes().getFirst().columns()).isEqualTo(Map.of(
                "PassWord_Hash", new ColumnChange("<redacted>", "<redacted>"),
                "shell", new ColumnChange("/bin/sh", "/bin/bash")));
    }

    @Test
    void rowChangesStopBeingListedAtTheBudgetButAreCounted() throws Exception {
        Path a = numbers(1500, "a");
        Path b = numbers(1500, "b");
        DiffBudget budget = new DiffBudget(1000, 100);

        SqliteDiff diff = diff(a, b, budget);

        TableChanges t = only(diff);
        assertThat(t.rowsChanged()).isEqualTo(1500);
        assertThat(t.changes()).hasSize(1000);
        assertThat(budget.truncated()).isTrue();
    }

    @Test
    void tablesPastTheBoundAreCountedNotCompared() throws Exception {
        Path a = db("CREATE TABLE t1 (x)", "CREATE TABLE t2 (x)", "CREATE TABLE t3 (x)");
        Path b = copy(a);
        DiffBudget budget = new DiffBudget(1000, 2);

        SqliteDiff diff = diff(a, b, budget);

        assertThat(diff.tablesUnchanged()).isEqualTo(2);
        assertThat(diff.tablesNotCompared()).isEqualTo(1);
        assertThat(diff.truncated()).isTrue();
        assertThat(budget.truncated()).isTrue();
    }

    @Test
    void longTextIsCutWithAMarkerAndBlobsShowSizeAndDigest() throws Exception {
        String schema = "CREATE TABLE files (id INTEGER PRIMARY KEY, body TEXT, data BLOB)";
        Path a = db(schema);
        Path b = db(schema);
        byte[] blob = new byte[5000];
        blob[7] = 42;
        insert(b, "INSERT INTO files VALUES (1, ?, ?)", "x".repeat(300) + "END", blob);

        RowChange added = only(diff(a, b)).changes().getFirst();

        assertThat((String) added.values().get("body")).isEqualTo("x".repeat(256)
                + "…[cut: 303 characters]");
        assertThat(added.values().get("data")).isEqualTo(Map.of("blobBytes", 5000L,
                "sha256", Sha256.of(blob)));
    }

    @Test
    void longValuesThatDifferOnlyAfterTheCutAreStillAChange() throws Exception {
        String schema = "CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)";
        Path a = db(schema);
        Path b = db(schema);
        insert(a, "INSERT INTO t VALUES (1, ?)", "y".repeat(400) + "1", null);
        insert(b, "INSERT INTO t VALUES (1, ?)", "y".repeat(400) + "2", null);

        assertThat(only(diff(a, b)).rowsChanged()).isEqualTo(1);
    }

    @Test
    void aFileThatIsNoDatabaseIsRefusedWithAClearReason() throws Exception {
        Path text = dir.resolve("text.db");
        Files.writeString(text, "this is not a SQLite database, just text");

        assertThatThrownBy(() -> new SqliteDatabases().open(text))
                .isInstanceOf(DatabaseOpener.NotADatabaseException.class)
                .hasMessage("not a SQLite database");
    }

    @Test
    void aWalDatabaseIsReadWithoutWritingBesideOrIntoIt() throws Exception {
        Path a = db("PRAGMA journal_mode=WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY, v)",
                "INSERT INTO t VALUES (1, 'a')");
        Path b = db("PRAGMA journal_mode=WAL", "CREATE TABLE t (id INTEGER PRIMARY KEY, v)",
                "INSERT INTO t VALUES (1, 'b')");
        String before = Sha256.of(a);

        assertThat(only(diff(a, b)).rowsChanged()).isEqualTo(1);

        assertThat(Sha256.of(a)).isEqualTo(before);
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .noneMatch(name -> name.endsWith("-wal") || name.endsWith("-shm")
                            || name.endsWith("-journal"));
        }
    }

    private SqliteDiff diff(Path a, Path b) throws IOException {
        return diff(a, b, new DiffBudget(1000, 100));
    }

    private static SqliteDiff diff(Path a, Path b, DiffBudget budget) throws IOException {
        SqliteDatabases opener = new SqliteDatabases();
        try (DatabaseSource older = opener.open(a); DatabaseSource newer = opener.open(b)) {
            return DatabaseDiff.compare(older, newer, new Redaction(PATTERNS), budget);
        }
    }

    private static TableChanges only(SqliteDiff diff) {
        assertThat(diff.tables()).hasSize(1);
        return diff.tables().getFirst();
    }

    private static Map<String, Object> values(Object... pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            values.put((String) pairs[i], pairs[i + 1]);
        }
        return values;
    }

    private Path db(String... statements) throws SQLException {
        Path file = dir.resolve("db-" + files++ + ".sqlite");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        return file;
    }

    private Path numbers(int rows, String value) throws SQLException {
        Path file = db("CREATE TABLE n (id INTEGER PRIMARY KEY, v TEXT)");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO n VALUES (?, ?)")) {
                for (int i = 0; i < rows; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, value + i);
                    insert.executeUpdate();
                }
            }
            connection.commit();
        }
        return file;
    }

    private static void insert(Path file, String sql, String text, byte[] blob)
            throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement insert = connection.prepareStatement(sql)) {
            insert.setString(1, text);
            if (blob != null) {
                insert.setBytes(2, blob);
            }
            insert.executeUpdate();
        }
    }

    private Path copy(Path file) throws IOException {
        Path copy = dir.resolve("db-" + files++ + ".sqlite");
        Files.copy(file, copy);
        return copy;
    }
}
