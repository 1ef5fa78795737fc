/**
 * What the agent reports about itself: the last published snapshot and the last error of each
 * part of the pipeline. Written by the capture pipeline and the publisher, read by the agent API.
 * JDK only.
 */
package io.configvault.capture.status;
