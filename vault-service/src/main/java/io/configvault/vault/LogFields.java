package io.configvault.vault;

import org.slf4j.MDC;

/**
 * The names of the MDC fields the vault sets around a unit of work on one snapshot (its ingest,
 * verification, download), shown by the JSON log format ({@code CONFIGVAULT_LOG_FORMAT=json}).
 * Values are identifiers only — never keys, tokens or content.
 */
public final class LogFields {

    public static final String APPLIANCE_ID = "applianceId";
    public static final String SNAPSHOT_ID = "snapshotId";
    public static final String FLEET = "fleet";

    private LogFields() {
    }

    /** Sets the three fields until {@link Scope#close}, which removes them. */
    public static Scope of(String applianceId, String snapshotId, String fleet) {
        MDC.put(APPLIANCE_ID, applianceId);
        MDC.put(SNAPSHOT_ID, snapshotId);
        MDC.put(FLEET, fleet);
        return new Scope();
    }

    /** The fields of one unit of work; closing removes them. */
    public static final class Scope implements AutoCloseable {
        private Scope() {
        }

        @Override
        public void close() {
            MDC.remove(APPLIANCE_ID);
            MDC.remove(SNAPSHOT_ID);
            MDC.remove(FLEET);
        }
    }
}
