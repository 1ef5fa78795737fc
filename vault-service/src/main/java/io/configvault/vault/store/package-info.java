/**
 * The raw object store behind {@link io.configvault.vault.store.BlobStore}: the S3 adapter (the
 * only place that imports the AWS SDK) and an in-memory implementation for unit tests.
 */
package io.configvault.vault.store;
