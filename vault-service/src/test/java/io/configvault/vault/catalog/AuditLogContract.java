package io.configvault.vault.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do: chaining, filters, cursors, the export position. */
abstract class AuditLogContract {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00.123456Z");

    abstract AuditLog log();

    @Test
    void recordsAreNumberedAndChainedFromTheGenesis() throws Exception {
        log().audit(T0, "admin", "policy.put", "vault", "ok", "{\"keep-last\":1}", "10.0.0.7");
        log().audit(T0.plusSeconds(1), "retention", "snapshot.delete", "s-1", "ok", "no rule");
        log().audit(T0.plusSeconds(2), "ops", "snapshot.download", "s-2", "not-found", "",
                "::1");

        List<AuditRecord> records = log().auditAfter(0, 10);
        assertThat(records).extracting(AuditRecord::seq).containsExactly(1L, 2L, 3L);
        assertThat(records.get(0).prevHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(records.get(1).prevHash()).isEqualTo(records.get(0).hash());
        assertThat(records.get(2).prevHash()).isEqualTo(records.get(1).hash());
        assertThat(records).allSatisfy(r -> assertThat(r.hash())
                .isEqualTo(AuditChain.hashOf(r)).hasSize(64));
        assertThat(records.get(0).at()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
        assertThat(records).extracting(AuditRecord::source)
                .containsExactly("10.0.0.7", AuditLog.INTERNAL, "::1");
    }

    @Test
    void aPageIsFilteredNewestFirstAndContinuesBelowItsCursor() throws Exception {
        for (int i = 0; i < 6; i++) {
            log().audit(T0.plusSeconds(i), i % 2 == 0 ? "admin" : "ops",
                    i < 3 ? "snapshot.read" : "snapshot.download", "s-" + (i % 3),
                    i == 5 ? "failed" : "ok", "", "10.0.0." + i);
        }

        assertThat(log().auditPage(query(null, null, null, null, null, null, null, 10)))
                .extracting(AuditRecord::seq).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
        assertThat(log().auditPage(query("ops", null, null, null, null, null, null, 10)))
                .extracting(AuditRecord::seq).containsExactly(6L, 4L, 2L);
        assertThat(log().auditPage(query(null, "snapshot.download", null, null, null, null,
                null, 10))).extracting(AuditRecord::seq).containsExactly(6L, 5L, 4L);
        assertThat(log().auditPage(query(null, null, "s-1", null, null, null, null, 10)))
                .extracting(AuditRecord::seq).containsExactly(5L, 2L);
        assertThat(log().auditPage(query(null, null, null, "failed", null, null, null, 10)))
                .extracting(AuditRecord::seq).containsExactly(6L);
        assertThat(log().auditPage(query(null, null, null, null, T0.plusSeconds(2),
                T0.plusSeconds(4), null, 10))).extracting(AuditRecord::seq)
                .containsExactly(4L, 3L);
        assertThat(log().auditPage(query(null, null, null, null, null, null, null, 2)))
                .extracting(AuditRecord::seq).containsExactly(6L, 5L);
        assertThat(log().auditPage(query(null, null, null, null, null, null, 5L, 2)))
                .extracting(AuditRecord::seq).containsExactly(4L, 3L);
        assertThat(log().auditPage(query("admin", null, null, null, null, null, 3L, 10)))
                .extracting(AuditRecord::seq).containsExactly(1L);
        assertThat(log().auditAfter(4, 10)).extracting(AuditRecord::seq)
                .containsExactly(5L, 6L);
        assertThat(log().recentAudit(1)).extracting(AuditRecord::seq).containsExactly(6L);
    }

    @Test
    void theExportPositionStartsAtNoneAndOnlyMovesForward() throws Exception {
        assertThat(log().auditExported()).isEqualTo(AuditExport.NONE);

        log().recordAuditExport(new AuditExport(5, "a".repeat(64)));
        log().recordAuditExport(new AuditExport(3, "b".repeat(64)));

        assertThat(log().auditExported()).isEqualTo(new AuditExport(5, "a".repeat(64)));
        log().recordAuditExport(new AuditExport(9, "c".repeat(64)));
        assertThat(log().auditExported()).isEqualTo(new AuditExport(9, "c".repeat(64)));
    }

    static AuditQuery query(String actor, String action, String target, String outcome,
                            Instant since, Instant until, Long before, int limit) {
        return new AuditQuery(actor, action, target, outcome, since, until, before, limit);
    }
}
