/**
 * Publishing: a single thread ({@link io.configvault.capture.publish.PublisherLoop}) drains the
 * outbox oldest-first ({@link io.configvault.capture.publish.OutboxPublisher}) and sends each
 * snapshot as ordered segments through the
 * {@link io.configvault.capture.publish.SnapshotPublisher} port. A snapshot leaves the outbox only
 * after every segment is acknowledged; on failure the same snapshot is retried with backoff, and
 * nothing behind it is published first.
 *
 * <p>{@link io.configvault.capture.publish.KafkaSnapshotPublisher} is the Kafka adapter and,
 * with {@link io.configvault.capture.publish.ProducerSettings} and the readiness probe
 * ({@link io.configvault.capture.publish.KafkaHealthIndicator}), the only publishing code that
 * imports {@code org.apache.kafka}.
 */
package io.configvault.capture.publish;
