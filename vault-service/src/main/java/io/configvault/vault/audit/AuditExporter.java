package io.configvault.vault.audit;

import io.configvault.vault.catalog.AuditChain;
import io.configvault.vault.catalog.AuditExport;
import io.configvault.vault.catalog.AuditLog;
import io.configvault.vault.catalog.AuditRecord;
import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.config.StorageSettings;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Copies the audit records not yet exported to the bucket, at most {@value #PER_OBJECT} per
 * object, create-only, under {@code audit/<first seq>-<last seq>.jsonl} ({@link AuditLines}),
 * and records in the catalog how far it got after each object. Each record must continue the
 * chain from the last exported one (seq, prev_hash, own hash): an export never carries a
 * record that does not verify, so a rewritten history cannot be baked into the bucket.
 *
 * <p>Crash safety: the object is created before the position is recorded. After a crash in
 * between the next run builds the same key (same first and last seq, same content) and finds
 * it there, or a key with the same first and a later last seq; the records in both objects are
 * the same. An existing object under the key is compared byte for byte with what this run
 * would write; a difference stops the export. Thread-safe (one run at a time).
 */
@Singleton
public final class AuditExporter {

    /** Records per exported object (one page in memory). */
    static final int PER_OBJECT = 1000;

    private final AuditLog log;
    private final BlobStore store;
    private final Path spool;

    public AuditExporter(AuditLog log, BlobStore store, StorageSettings storage) {
        this.log = log;
        this.store = store;
        this.spool = storage.spoolDir();
    }

    /** Exports every record not yet exported; answers how many records it exported. */
    public synchronized long exportOnce()
            throws CatalogException, StoreException, IOException, AuditExportException {
        AuditExport position = log.auditExported();
        long exported = 0;
        while (true) {
            List<AuditRecord> page = log.auditAfter(position.seq(), PER_OBJECT);
            if (page.isEmpty()) {
                return exported;
            }
            checkChain(position, page);
            AuditRecord last = page.getLast();
            put(AuditExportKeys.key(page.getFirst().seq(), last.seq()), page);
            position = new AuditExport(last.seq(), last.hash());
            log.recordAuditExport(position);
            exported += page.size();
            if (page.size() < PER_OBJECT) {
                return exported;
            }
        }
    }

    private static void checkChain(AuditExport position, List<AuditRecord> page)
            throws AuditExportException {
        long seq = position.seq();
        String prev = position.hash();
        for (AuditRecord r : page) {
            if (r.seq() != seq + 1 || !prev.equals(r.prevHash())
                    || !AuditChain.hashOf(r).equals(r.hash())) {
                throw new AuditExportException("Cannot export audit record " + r.seq()
                        + ": it does not continue the hash chain from record " + seq
                        + "; nothing from it on is exported until GET /api/v1/audit/verification"
                        + " is ok again");
            }
            seq = r.seq();
            prev = r.hash();
        }
    }

    private void put(String key, List<AuditRecord> page)
            throws IOException, StoreException, AuditExportException {
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, "audit-export-", ".jsonl");
        Path existing = null;
        try {
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (AuditRecord r : page) {
                    AuditLines.write(out, r);
                }
            }
            if (store.create(key, file, md5(file), Map.of(), null)
                    instanceof BlobStore.PutOutcome.AlreadyExists) {
                existing = Files.createTempFile(spool, "audit-existing-", ".jsonl");
                store.download(key, existing);
                if (Files.mismatch(file, existing) != -1) {
                    throw new AuditExportException("Cannot export audit records to " + key
                            + ": the bucket holds a different export under that key; the audit"
                            + " log changed after it was exported");
                }
            }
        } finally {
            Files.deleteIfExists(file);
            if (existing != null) {
                Files.deleteIfExists(existing);
            }
        }
    }

    private static String md5(Path file) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
        try (var in = new DigestInputStream(Files.newInputStream(file), md5)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return Base64.getEncoder().encodeToString(md5.digest());
    }
}
