package io.configvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.configvault.vault.catalog.AuditChain;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.store.InMemoryBlobStore;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditVerifierTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    InMemoryCatalog catalog;
    InMemoryBlobStore store;
    AuditVerifier verifier;
    AuditExporter exporter;

    @BeforeEach
    void setUp() throws Exception {
        catalog = new InMemoryCatalog();
        store = new InMemoryBlobStore();
        StorageSettings storage = new StorageSettings(dir.resolve("catalog.db"),
                dir.resolve("spool"), 1 << 20);
        verifier = new AuditVerifier(catalog, store, storage);
        exporter = new AuditExporter(catalog, store, storage);
        for (int i = 1; i <= 5; i++) {
            catalog.audit(T0.plusSeconds(i), "admin", "snapshot.download", "s-" + i, "ok", "",
                    "10.0.0." + i);
        }
    }

    @Test
    void aWholeChainIsOk() throws Exception {
        assertThat(verifier.verify()).isEqualTo(AuditVerdict.whole(5, 0));
        assertThat(new AuditVerifier(new InMemoryCatalog(), store, settings()).verify())
                .isEqualTo(AuditVerdict.whole(0, 0));
    }

    @Test
    void anEditedRecordIsReportedAtItsSeq() throws Exception {
        catalog.tamper(3, r -> with(r, "ops", r.hash()));

        AuditVerdict verdict = verifier.verify();

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.firstBrokenSeq()).isEqualTo(3L);
        assertThat(verdict.records()).isEqualTo(2);
        assertThat(verdict.reason()).isEqualTo("record 3 does not match its hash: it was"
                + " changed after it was written");
    }

    @Test
    void anEditedRecordWithAFreshHashBreaksTheNextLink() throws Exception {
        catalog.tamper(3, r -> {
            AuditRecord edited = with(r, "ops", null);
            return with(edited, "ops", AuditChain.hashOf(edited));
        });

        AuditVerdict verdict = verifier.verify();

        assertThat(verdict.firstBrokenSeq()).isEqualTo(4L);
        assertThat(verdict.reason()).isEqualTo("record 4 does not link to record 3 (its"
                + " prev_hash is not that record's hash)");
    }

    @Test
    void aDeletedRecordIsReportedAsTheFirstMissingSeq() throws Exception {
        catalog.erase(2);
        catalog.erase(3);

        AuditVerdict verdict = verifier.verify();

        assertThat(verdict.firstBrokenSeq()).isEqualTo(2L);
        assertThat(verdict.reason()).isEqualTo("records 2 to 3 are missing");
    }

    @Test
    void aDeletedHeadIsReportedAtSeqOne() throws Exception {
        catalog.erase(1);

        assertThat(verifier.verify().firstBrokenSeq()).isEqualTo(1L);
        assertThat(verifier.verify().reason()).isEqualTo("record 1 is missing");
    }

    @Test
    void reorderedRecordsAreReportedAtTheFirstOfThem() throws Exception {
        AuditRecord two = catalog.auditAfter(1, 1).getFirst();
        AuditRecord three = catalog.auditAfter(2, 1).getFirst();
        catalog.tamper(2, r -> renumbered(three, 2));
        catalog.tamper(3, r -> renumbered(two, 3));

        assertThat(verifier.verify().firstBrokenSeq()).isEqualTo(2L);
    }

    @Test
    void aDeletedTailIsInvisibleToTheChainAloneAndCaughtByTheExport() throws Exception {
        catalog.erase(5);
        assertThat(verifier.verify().ok()).as("the chain alone").isTrue();

        setUp();
        exporter.exportOnce();
        catalog.erase(5);
        catalog.erase(4);

        AuditVerdict verdict = verifier.verify();
        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.firstBrokenSeq()).isEqualTo(4L);
        assertThat(verdict.exportedSeq()).isEqualTo(5);
        assertThat(verdict.reason()).isEqualTo("records 4 to 5 were exported to the bucket but"
                + " are missing from the catalog: its tail was deleted");
    }

    @Test
    void aHistoryRewrittenWithFreshHashesIsCaughtByTheExport() throws Exception {
        exporter.exportOnce();
        String prev = AuditChain.GENESIS;
        for (long seq = 1; seq <= 5; seq++) {
            String link = prev;
            catalog.tamper(seq, r -> {
                AuditRecord edited = new AuditRecord(r.seq(), r.at(), "nobody", r.action(),
                        r.target(), r.outcome(), r.detail(), r.source(), link, null);
                return new AuditRecord(r.seq(), r.at(), "nobody", r.action(), r.target(),
                        r.outcome(), r.detail(), r.source(), link, AuditChain.hashOf(edited));
            });
            prev = catalog.auditAfter(seq - 1, 1).getFirst().hash();
        }

        AuditVerdict verdict = verifier.verify();

        assertThat(verdict.ok()).isFalse();
        assertThat(verdict.firstBrokenSeq()).isEqualTo(5L);
        assertThat(verdict.reason()).isEqualTo("record 5 differs from its export in the bucket:"
                + " the history up to it was rewritten");
    }

    @Test
    void newRecordsAfterTheExportAreFine() throws Exception {
        exporter.exportOnce();
        catalog.audit(T0, "admin", "policy.put", "vault", "ok", "{}", "::1");

        assertThat(verifier.verify()).isEqualTo(AuditVerdict.whole(6, 5));
    }

    private StorageSettings settings() {
        return new StorageSettings(dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 20);
    }

    private static AuditRecord with(AuditRecord r, String actor, String hash) {
        return new AuditRecord(r.seq(), r.at(), actor, r.action(), r.target(), r.outcome(),
                r.detail(), r.source(), r.prevHash(), hash);
    }

    private static AuditRecord renumbered(AuditRecord r, long seq) {
        return new AuditRecord(seq, r.at(), r.actor(), r.action(), r.target(), r.outcome(),
                r.detail(), r.source(), r.prevHash(), r.hash());
    }
}
