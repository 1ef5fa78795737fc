/**
 * Remote snapshot requests: the vault records a request per appliance in the catalog, signs a
 * snapshot request document for each with its ingest key and publishes it on the command topic
 * ({@link io.configvault.vault.requests.CommandPublisher}); the ingest marks a row fulfilled when
 * the snapshot naming it is stored. See docs/design.md, "Snapshot requests".
 */
package io.configvault.vault.requests;
