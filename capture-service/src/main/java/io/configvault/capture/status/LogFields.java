package io.configvault.capture.status;

import org.slf4j.MDC;

/**
 * The names of the MDC fields the agent sets around the capture and the publication of one
 * snapshot and the handling of a snapshot request, shown by the JSON log format
 * ({@code CONFIGVAULT_LOG_FORMAT=json}). Values are identifiers only — never keys, passphrases,
 * tokens or content. Set them with {@link MDC#putCloseable} so that they go with the unit of work.
 */
public final class LogFields {

    public static final String APPLIANCE_ID = "applianceId";
    public static final String SNAPSHOT_ID = "snapshotId";
    public static final String FLEET = "fleet";
    /** The vault's snapshot request being fulfilled. */
    public static final String REQUEST_ID = "requestId";

    private LogFields() {
    }
}
