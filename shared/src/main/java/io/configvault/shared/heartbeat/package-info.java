/**
 * The heartbeat document, format version 1: what an appliance signs when its configuration is
 * unchanged since its last snapshot (docs/design.md, "Heartbeats"). It is sealed like a bundle
 * (encrypted to the vault's ingest key, signed by the appliance key) and travels as a single
 * {@link io.configvault.shared.event.EventKind#HEARTBEAT heartbeat} event.
 *
 * <p>Depends on Jackson and the shared snapshot package only.
 */
package io.configvault.shared.heartbeat;
