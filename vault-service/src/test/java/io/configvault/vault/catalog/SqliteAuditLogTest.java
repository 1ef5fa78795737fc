package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SqliteAuditLogTest extends AuditLogContract {

    @RegisterExtension
    final SqliteCatalogFile sqlite = new SqliteCatalogFile();

    @Override
    AuditLog log() {
        return sqlite.catalog();
    }

    @Test
    void recordsWrittenBeforeTheChainAreChainedAtTheFirstOpen() throws Exception {
        for (int i = 0; i < 3; i++) {
            sqlite.catalog().audit(T0.plusSeconds(i), "admin", "policy.put", "vault", "ok",
                    "v" + i);
        }
        sqlite.catalog().close();
        // As the rows of a catalog at the previous schema version look after the migration.
        sqlite.sql("UPDATE audit_log SET prev_hash = NULL, hash = NULL");

        sqlite.reopen();
        sqlite.catalog().audit(T0.plusSeconds(3), "admin", "policy.put", "vault", "ok", "v3",
                "::1");

        List<AuditRecord> records = sqlite.catalog().auditAfter(0, 10);
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
        sqlite.catalog().audit(T0, "admin", "policy.put", "vault", "ok", "v0");
        sqlite.catalog().audit(T0, "admin", "policy.put", "vault", "ok", "v1");
        sqlite.catalog().close();
        sqlite.sql("UPDATE audit_log SET hash = NULL WHERE seq = 2");

        sqlite.reopen();

        assertThat(sqlite.catalog().auditAfter(1, 1)).singleElement()
                .satisfies(r -> assertThat(r.hash()).isNull());
    }

    @Test
    void aDeletedTailLeavesAGapBeforeTheNextRecord() throws Exception {
        sqlite.catalog().audit(T0, "admin", "policy.put", "vault", "ok", "v0");
        sqlite.catalog().audit(T0, "admin", "policy.put", "vault", "ok", "v1");
        sqlite.sql("DELETE FROM audit_log WHERE seq = 2");

        sqlite.catalog().audit(T0, "admin", "policy.put", "vault", "ok", "v2");

        assertThat(sqlite.catalog().auditAfter(0, 10)).extracting(AuditRecord::seq)
                .containsExactly(1L, 3L);
    }

}
