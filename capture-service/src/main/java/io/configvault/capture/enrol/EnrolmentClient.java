package io.configvault.capture.enrol;

/**
 * Asks the vault to enrol this appliance.
 *
 * <p>Contract: idempotent on the vault's side for the same appliance id and key (a retry after a
 * lost answer gets the same answer, even with the now used token). Thread-safe. The token is
 * sent only to the vault and appears in no message or log.
 */
public interface EnrolmentClient {

    /**
     * @throws EnrolmentException {@code REFUSED} when the vault refused the token or the key
     *                            (permanent for this token and key); {@code NOT_A_VAULT} when the
     *                            answer is not an enrolment answer (wrong URL; permanent);
     *                            {@code UNAVAILABLE} when the vault could not be reached or
     *                            failed (5xx, timeout; worth retrying later)
     */
    Enrolled enrol(Request request) throws EnrolmentException;

    /**
     * @param token       the single-use enrolment token
     * @param applianceId this appliance's id
     * @param publicKey   its armored OpenPGP public key
     */
    record Request(String token, String applianceId, String publicKey) {

        /** Leaves the token out. */
        @Override
        public String toString() {
            return "Request[applianceId=" + applianceId + "]";
        }
    }

    /**
     * The vault's answer.
     *
     * @param ingestPublicKey the vault's armored ingest public key, still to be checked
     * @param fingerprint     the fingerprint the vault says it has
     */
    record Enrolled(String applianceId, String fleet, String ingestPublicKey,
                    String fingerprint) {
    }
}
