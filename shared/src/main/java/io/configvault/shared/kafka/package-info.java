/**
 * What both services ask of Kafka the same way: the health probe of the cluster. The Kafka client
 * is {@code provided}: the services bring it.
 */
package io.configvault.shared.kafka;
