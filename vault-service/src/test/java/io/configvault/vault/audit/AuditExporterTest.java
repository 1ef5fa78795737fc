package io.configvault.vault.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.configvault.vault.catalog.AuditExport;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.InMemoryCatalog;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditExporterTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    InMemoryCatalog catalog;
    InMemoryBlobStore store;
    StorageSettings storage;

    @BeforeEach
    void setUp() {
        catalog = new InMemoryCatalog();
        store = new InMemoryBlobStore();
        storage = new StorageSettings(dir.resolve("catalog.db"), dir.resolve("spool"), 1 << 20);
    }

    @Test
    void recordsGoToOneObjectNamedBySeqsOneLinePerRecordWithItsHash() throws Exception {
        audit(3);

        assertThat(exporter().exportOnce()).isEqualTo(3);

        String key = "audit/00000000000000000001-00000000000000000003.jsonl";
        assertThat(keys()).containsExactly(key);
        List<String> lines = lines(key);
        assertThat(lines).hasSize(3);
        JsonNode first = JSON.readTree(lines.getFirst());
        AuditRecord record = catalog.auditAfter(0, 1).getFirst();
        assertThat(first.get("seq").asLong()).isEqualTo(1);
        assertThat(first.get("at").asText()).isEqualTo("2026-11-22T10:00:01Z");
        assertThat(first.get("source").asText()).isEqualTo("10.0.0.1");
        assertThat(first.get("prevHash").asText()).isEqualTo(record.prevHash());
        assertThat(first.get("hash").asText()).isEqualTo(record.hash());
        AuditRecord last = catalog.auditAfter(2, 1).getFirst();
        assertThat(catalog.auditExported()).isEqualTo(new AuditExport(3, last.hash()));
        assertThat(Files.list(dir.resolve("spool"))).as("spool cleaned").isEmpty();
    }

    @Test
    void aRunWithNothingNewWritesNothingAndANewRunResumesAfterTheLastExport() throws Exception {
        audit(2);
        exporter().exportOnce();
        assertThat(exporter().exportOnce()).isZero();

        audit(3);
        // A new exporter, as after a restart: the position comes from the catalog.
        assertThat(exporter().exportOnce()).isEqualTo(3);

        assertThat(keys()).containsExactly(
                "audit/00000000000000000001-00000000000000000002.jsonl",
                "audit/00000000000000000003-00000000000000000005.jsonl");
    }

    @Test
    void manyRecordsAreSplitIntoObjectsOfAtMostOnePage() throws Exception {
        audit(AuditExporter.PER_OBJECT + 1);

        assertThat(exporter().exportOnce()).isEqualTo(AuditExporter.PER_OBJECT + 1);

        assertThat(keys()).containsExactly(
                "audit/00000000000000000001-00000000000000001000.jsonl",
                "audit/00000000000000001001-00000000000000001001.jsonl");
        assertThat(catalog.auditExported().seq()).isEqualTo(AuditExporter.PER_OBJECT + 1);
    }

    @Test
    void anObjectLeftByARunThatCrashedBeforeRecordingIsAcceptedWhenItIsTheSame()
            throws Exception {
        audit(2);
        exporter().exportOnce();
        InMemoryCatalog restarted = new InMemoryCatalog();
        for (AuditRecord r : catalog.auditAfter(0, 10)) {
            restarted.audit(r.at(), r.actor(), r.action(), r.target(), r.outcome(), r.detail(),
                    r.source());
        }

        assertThat(new AuditExporter(restarted, store, storage).exportOnce()).isEqualTo(2);
        assertThat(restarted.auditExported().seq()).isEqualTo(2);
    }

    @Test
    void aDifferentObjectUnderTheKeyStopsTheExport() throws Exception {
        audit(2);
        Path other = Files.writeString(dir.resolve("other.jsonl"), "{\"seq\": 2}\n");
        store.create("audit/00000000000000000001-00000000000000000002.jsonl", other,
                md5(other), Map.of(), null);

        assertThatThrownBy(() -> exporter().exportOnce())
                .isInstanceOf(AuditExportException.class)
                .hasMessage("Cannot export audit records to"
                        + " audit/00000000000000000001-00000000000000000002.jsonl: the bucket"
                        + " holds a different export under that key; the audit log changed"
                        + " after it was exported");
        assertThat(catalog.auditExported()).isEqualTo(AuditExport.NONE);
    }

    @Test
    void aRecordThatBreaksTheChainIsNotExported() throws Exception {
        audit(3);
        exporter().exportOnce();
        audit(2);
        catalog.tamper(5, r -> new AuditRecord(r.seq(), r.at(), "nobody", r.action(),
                r.target(), r.outcome(), r.detail(), r.source(), r.prevHash(), r.hash()));

        assertThatThrownBy(() -> exporter().exportOnce())
                .isInstanceOf(AuditExportException.class)
                .hasMessage("Cannot export audit record 5: it does not continue the hash chain"
                        + " from record 4; nothing from it on is exported until"
                        + " GET /api/v1/audit/verification is ok again");
        assertThat(catalog.auditExported().seq()).isEqualTo(3);
        assertThat(keys()).hasSize(1);
    }

    private AuditExporter exporter() {
        return new AuditExporter(catalog, store, storage);
    }

    private void audit(int count) throws Exception {
        for (int i = 1; i <= count; i++) {
            catalog.audit(T0.plusSeconds(i), "admin", "snapshot.read", "s-" + i, "ok", "",
                    "10.0.0." + i);
        }
    }

    private List<String> keys() throws Exception {
        return store.list("audit/", null, 1000).blobs().stream()
                .map(BlobStore.ListedBlob::key).toList();
    }

    private List<String> lines(String key) throws Exception {
        Path file = dir.resolve("download.jsonl");
        store.download(key, file);
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    private static String md5(Path file) throws Exception {
        return java.util.Base64.getEncoder().encodeToString(
                java.security.MessageDigest.getInstance("MD5").digest(Files.readAllBytes(file)));
    }
}
