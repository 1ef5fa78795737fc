/**
 * {@code rebuild-catalog}: rebuilds the catalog's snapshot rows from a listing of the bucket and
 * each object's metadata ({@link io.configvault.vault.catalog.ObjectMetadata}). Depends on the
 * {@code BlobStore} and {@code Catalog} ports and the object-key format of {@code vault.ingest};
 * never on an SDK or JDBC.
 */
package io.configvault.vault.rebuild;
