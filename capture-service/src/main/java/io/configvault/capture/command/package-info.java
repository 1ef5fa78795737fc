/**
 * Remote snapshot requests on the agent: a consumer of the vault's command topic
 * ({@link io.configvault.capture.command.CommandListener}, on only when
 * {@code capture.kafka.command-topic} is set) hands each record of its own appliance to
 * {@link io.configvault.capture.command.SnapshotRequestHandler}, which verifies it against the
 * pinned ingest key, refuses what is not for this appliance, expired or replayed
 * ({@link io.configvault.capture.command.HandledRequests}), and takes a MANUAL snapshot whose
 * manifest names the request. See docs/design.md, "Snapshot requests".
 */
package io.configvault.capture.command;
