/**
 * The one-command local stack behind {@code deploy/local/run}: a real Kafka broker (KRaft) and a
 * real S3 server from {@code io.configvault.stack}, the vault and the capture agent as child JVMs
 * launched from their build output, and a demo appliance. Everything lives under
 * {@code CONFIGVAULT_HOME}; a second start reuses it.
 */
package io.configvault.local;
