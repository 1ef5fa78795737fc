/**
 * The agent API under {@code /api/v1}, bound to loopback only ({@code micronaut.server.host}):
 * take a snapshot now ({@code POST /api/v1/snapshots}) and report status
 * ({@code GET /api/v1/status}, also the readiness probe). Errors are
 * {@code application/problem+json} without stack traces.
 *
 * <p>Depends on {@code capture.snapshot}, {@code capture.outbox} and {@code capture.status}.
 */
package io.configvault.capture.api;
