/** Small streaming helpers used on both sides: digests and durable file writes. JDK only. */
package io.configvault.shared.io;
