package io.configvault.vault.audit;

import io.configvault.vault.catalog.AuditExport;
import io.configvault.vault.store.BlobStore;
import io.configvault.vault.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads the newest audit export from the bucket: the last {@code audit/} key in key order (which
 * is seq order), and of it the last line. Lists one page at a time and downloads only that object
 * (at most {@link AuditExporter#PER_OBJECT} records) into the spool.
 */
final class NewestExport {

    private static final int PAGE = 1000;

    private NewestExport() {
    }

    /** The seq and hash of the newest exported record, or empty when nothing is exported. */
    static Optional<AuditExport> read(BlobStore store, Path spool)
            throws StoreException, IOException {
        String newest = null;
        String after = null;
        BlobStore.Page page;
        do {
            page = store.list(AuditExportKeys.PREFIX, after, PAGE);
            for (BlobStore.ListedBlob blob : page.blobs()) {
                if (AuditExportKeys.lastSeq(blob.key()).isPresent()) {
                    newest = blob.key();
                }
            }
            after = page.next().orElse(null);
        } while (after != null);
        if (newest == null) {
            return Optional.empty();
        }
        Files.createDirectories(spool);
        Path file = Files.createTempFile(spool, "audit-export-", ".jsonl");
        try {
            store.download(newest, file);
            Optional<AuditExport> last = AuditLines.last(file);
            if (last.isEmpty() || last.get().seq()
                    != AuditExportKeys.lastSeq(newest).getAsLong()) {
                throw new IOException("audit export " + newest + " does not end with the record"
                        + " its key names");
            }
            return last;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
