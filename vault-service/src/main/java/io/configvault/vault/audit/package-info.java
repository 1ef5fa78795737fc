/**
 * The audit log's guarantees beyond the catalog: {@link io.configvault.vault.audit.AuditVerifier}
 * walks the hash chain and compares it with the newest export;
 * {@link io.configvault.vault.audit.AuditExporter} copies records not yet exported to the bucket,
 * create-only, under keys built from seq numbers only ({@link
 * io.configvault.vault.audit.AuditExportKeys}). Depends on {@code vault.catalog} and
 * {@code vault.store} (ports only), {@code vault.config} and {@code vault.periodic}.
 */
package io.configvault.vault.audit;
