/**
 * The vault's Kafka clients: their properties (with the operator's pass-through security
 * settings), and the topics the vault depends on.
 */
package io.configvault.vault.kafka;
