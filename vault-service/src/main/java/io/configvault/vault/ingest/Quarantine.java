package io.configvault.vault.ingest;

/**
 * Where events that can never be stored go, with the reason. Implementations must never carry the
 * event's payload or any plaintext: identities, position and reason only.
 * {@link #send} returns only once the notice is durable; it throws
 * {@link TransientIngestException} otherwise, so the loop does not move past the event.
 */
public interface Quarantine {

    /**
     * @param offset      the record refused; for a whole snapshot, its first segment
     * @param applianceId claimed appliance id, or null when the event did not parse
     * @param snapshotId  claimed snapshot id, or null
     * @param category    the reason sorted for alerting
     * @param reason      what failed, in words; never content
     */
    record Notice(String topic, int partition, long offset, String applianceId,
                  String snapshotId, RefusalCategory category, String reason) {
    }

    void send(Notice notice) throws TransientIngestException;
}
