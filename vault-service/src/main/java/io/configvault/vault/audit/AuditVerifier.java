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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Walks the whole audit log, oldest first, {@value #PAGE} records at a time, and reports the
 * first record where the chain breaks: a seq that is not the previous one plus one (a deleted
 * record: the first missing seq is reported; a deleted head: seq 1), a prev_hash that is not the
 * previous record's hash (a deleted, inserted or rewritten record before it), a hash that does
 * not match the record's fields (an edited record; a reordered one, as the seq is hashed). The
 * chain alone cannot tell a deleted tail from a log that ends there, nor a history rewritten
 * with fresh hashes from the original: the newest export in the bucket closes both, so the
 * catalog must still hold that record, with that hash. Thread-safe.
 */
@Singleton
public final class AuditVerifier {

    static final int PAGE = 1000;

    private final AuditLog log;
    private final BlobStore store;
    private final Path spool;

    public AuditVerifier(AuditLog log, BlobStore store, StorageSettings storage) {
        this.log = log;
        this.store = store;
        this.spool = storage.spoolDir();
    }

    public AuditVerdict verify() throws CatalogException, StoreException, IOException {
        Optional<AuditExport> newest = NewestExport.read(store, spool);
        long exported = newest.map(AuditExport::seq).orElse(0L);
        long records = 0;
        long expected = 1;
        String prev = AuditChain.GENESIS;
        List<AuditRecord> page;
        do {
            page = log.auditAfter(expected - 1, PAGE);
            for (AuditRecord r : page) {
                String broken = problem(r, expected, prev);
                if (broken != null) {
                    long at = r.seq() != expected ? expected : r.seq();
                    return AuditVerdict.broken(records, at, broken, exported);
                }
                if (newest.isPresent() && r.seq() == exported
                        && !r.hash().equals(newest.get().hash())) {
                    return AuditVerdict.broken(records, r.seq(), "record " + r.seq()
                            + " differs from its export in the bucket: the history up to it"
                            + " was rewritten", exported);
                }
                records++;
                expected = r.seq() + 1;
                prev = r.hash();
            }
        } while (page.size() == PAGE);
        if (exported >= expected) {
            return AuditVerdict.broken(records, expected, "records " + expected + " to "
                    + exported + " were exported to the bucket but are missing from the"
                    + " catalog: its tail was deleted", exported);
        }
        return AuditVerdict.whole(records, exported);
    }

    private static String problem(AuditRecord r, long expected, String prev) {
        if (r.seq() != expected) {
            return expected == r.seq() - 1 ? "record " + expected + " is missing"
                    : "records " + expected + " to " + (r.seq() - 1) + " are missing";
        }
        if (r.hash() == null || r.prevHash() == null) {
            return "record " + r.seq() + " has no hash";
        }
        if (!r.prevHash().equals(prev)) {
            return "record " + r.seq() + " does not link to record " + (r.seq() - 1)
                    + " (its prev_hash is not that record's hash)";
        }
        if (!AuditChain.hashOf(r).equals(r.hash())) {
            return "record " + r.seq() + " does not match its hash: it was changed after it"
                    + " was written";
        }
        return null;
    }
}
