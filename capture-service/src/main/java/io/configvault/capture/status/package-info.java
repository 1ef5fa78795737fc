/**
 * What the agent reports about itself: the last published snapshot, the last error of each part
 * of the pipeline and the schedule's next and last run. Written by the capture pipeline, the
 * publisher and the schedule, read by the agent API.
 * JDK only.
 */
package io.configvault.capture.status;
