package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditLogTest extends AuditLogContract {

    @TempDir
    Path dir;

    private SqliteCatalog catalog;

    @BeforeEach
    void open() throws Exception {
        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
    }

    @AfterEach
    void close() throws Exception {
        catalog.close();
    }

    @Override
    AuditLog log() {
        return catalog;
    }

    @Test
    void recordsWrittenBeforeTheChainAreChainedAtTheFirstOpen() throws Exception {
        for (int i = 0; i < 3; i++) {
            catalog.audit(T0.plusSeconds(i), "admin", "policy.put", "vault", "ok", "v" + i);
        }
        catalog.close();
        // As the rows of a catalog at the previous schema version look after the migration.
        sql("UPDATE audit_log SET prev_hash = NULL, hash = NULL");

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));
        catalog.audit(T0.plusSeconds(3), "admin", "policy.put", "vault", "ok", "v3", "::1");

        List<AuditRecord> records = catalog.auditAfter(0, 10);
        assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.getFirst().prevHash()).isEqualTo(AuditChain.GENESIS);
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).prevHash()).isEqualTo(records.get(i - 1).hash());
        }
        assertThat(records).allSatisfy(r -> assertThat(r.hash()).isEqualTo(
                AuditChain.hashOf(r)));
    }

    @Test
    void aRecordWithoutAHashAfterTheChainStartedIsLeftForTheVerifier() throws Exception {
        catalog.audit(T0, "admin", "policy.put", "vault", "ok", "v0");
        catalog.audit(T0, "admin", "policy.put", "vault", "ok", "v1");
        catalog.close();
        sql("UPDATE audit_log SET hash = NULL WHERE seq = 2");

        catalog = SqliteCatalog.open(dir.resolve("catalog.db"));

        assertThat(catalog.auditAfter(1, 1)).singleElement()
                .satisfies(r -> assertThat(r.hash()).isNull());
    }

    @Test
    void aDeletedTailLeavesAGapBeforeTheNextRecord() throws Exception {
        catalog.audit(T0, "admin", "policy.put", "vault", "ok", "v0");
        catalog.audit(T0, "admin", "policy.put", "vault", "ok", "v1");
        sql("DELETE FROM audit_log WHERE seq = 2");

        catalog.audit(T0, "admin", "policy.put", "vault", "ok", "v2");

        assertThat(catalog.auditAfter(0, 10)).extracting(AuditRecord::seq)
                .containsExactly(1L, 3L);
    }

    private void sql(String statement) throws Exception {
        try (var connection = DriverManager.getConnection("jdbc:sqlite:"
                + dir.resolve("catalog.db"));
             var s = connection.createStatement()) {
            s.execute(statement);
        }
    }
}
