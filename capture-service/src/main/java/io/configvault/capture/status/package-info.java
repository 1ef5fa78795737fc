/**
 * What the agent reports about itself: the last published snapshot, the last error of each part
 * of the pipeline and the schedule's next and last run. Written by the capture pipeline, the
 * publisher and the schedule, read by the agent API. The health indicators of the agent's
 * {@code /health} endpoints ({@code outbox}; {@code kafka} lives with the Kafka adapter in
 * {@code capture.publish}) and their Micronaut adapter {@link
 * io.configvault.shared.health.CheckIndicator}.
 */
package io.configvault.capture.status;
