package io.configvault.vault.audit;

import io.configvault.vault.catalog.CatalogException;
import io.configvault.vault.config.AuditSettings;
import io.configvault.vault.config.VaultEnvironments;
import io.configvault.vault.periodic.PeriodicTask;
import io.configvault.vault.store.StoreException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link AuditExporter} every {@code vault.audit.export-interval} ({@link PeriodicTask}: the
 * first run one interval after startup). A run that cannot reach the catalog or the bucket is
 * logged and the next one resumes where the catalog says the export got to; a run that finds
 * the chain broken logs an {@code ALARM:} line and exports nothing from that record on.
 */
@Context
@Requires(notEnv = VaultEnvironments.REBUILD_CATALOG)
final class ExportSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportSchedule.class);

    private final PeriodicTask task;

    ExportSchedule(AuditExporter exporter, AuditSettings settings) {
        task = PeriodicTask.start("vault-audit-export", settings.exportInterval(),
                () -> run(exporter));
        LOG.info("Audit log export to the bucket runs every {}", settings.exportInterval());
    }

    static void run(AuditExporter exporter) {
        try {
            long exported = exporter.exportOnce();
            if (exported > 0) {
                LOG.info("Exported {} audit records to the bucket", exported);
            }
        } catch (AuditExportException e) {
            LOG.error("ALARM: {}", e.getMessage());
        } catch (CatalogException | StoreException | IOException e) {
            LOG.warn("Cannot export the audit log now ({}); the next run resumes",
                    e.getMessage());
        }
    }

    @Override
    @PreDestroy
    public void close() throws InterruptedException {
        task.close();
    }
}
