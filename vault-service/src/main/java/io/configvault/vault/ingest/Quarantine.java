package io.configvault.vault.ingest;

/**
 * Where events that can never be stored go, with the reason. Implementations must never carry the
 * event's payload or any plaintext: identities, position and reason only.
 * {@link #send} returns only once the notice is durable; it throws
 * {@link TransientIngestException} otherwise, so the loop does not move past the event.
 */
public interface Quarantine {

    /**
     * @param applianceId claimed appliance id, or null when the event did not parse
     * @param snapshotId  claimed snapshot id, or null
     */
    record Notice(String topic, int partition, long offset, String applianceId,
                  String snapshotId, String reason) {
    }

    void send(Notice notice) throws TransientIngestException;
}
