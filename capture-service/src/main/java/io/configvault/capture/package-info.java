/**
 * The capture service: the agent that runs on an appliance, snapshots its configuration when it
 * changes or when asked, seals each snapshot and publishes it to Kafka through a durable outbox.
 * {@link io.configvault.capture.Application} is the entry point.
 */
package io.configvault.capture;
