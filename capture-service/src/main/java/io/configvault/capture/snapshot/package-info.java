/**
 * The capture pipeline: {@link io.configvault.capture.snapshot.SnapshotCapture} is the port the
 * triggers call; {@link io.configvault.capture.snapshot.SnapshotPipeline} implements it as its
 * list of steps: stage the sources, mint the snapshot id and sequence number, write the bundle,
 * seal it, put it into the outbox. Only one capture runs at a time.
 *
 * <p>Depends on {@code capture.source}, {@code capture.seal}, {@code capture.outbox},
 * {@code capture.status} and the shared bundle and snapshot packages.
 */
package io.configvault.capture.snapshot;
