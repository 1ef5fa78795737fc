/**
 * Small streaming helpers used on both sides: digests, durable file writes, a tee, and a bounded
 * pipe between two threads. JDK only.
 */
package io.configvault.shared.io;
