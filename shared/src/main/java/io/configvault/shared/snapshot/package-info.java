/**
 * Identity of snapshots and appliances, shared by both services: validated value types that are
 * safe to put in Kafka headers, object keys and URLs. Depends on nothing but the JDK.
 */
package io.configvault.shared.snapshot;
