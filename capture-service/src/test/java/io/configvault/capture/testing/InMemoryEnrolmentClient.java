package io.configvault.capture.testing;

import io.configvault.capture.enrol.EnrolmentClient;
import io.configvault.capture.enrol.EnrolmentException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vault's enrolment endpoint in memory, with the vault's rules in short: a token enrols once
 * (a replay by the same appliance with the same key is answered again), an enrolled id keeps
 * its key. Records every request. Thread-safe.
 */
public final class InMemoryEnrolmentClient implements EnrolmentClient {

    private final String ingestPublicKey;
    private final String ingestFingerprint;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> usedBy = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();
    private EnrolmentException outage;

    public InMemoryEnrolmentClient(String ingestPublicKey, String ingestFingerprint) {
        this.ingestPublicKey = ingestPublicKey;
        this.ingestFingerprint = ingestFingerprint;
    }

    /** A token that enrols into {@code fleet}. */
    public synchronized InMemoryEnrolmentClient issue(String token, String fleet) {
        tokens.put(token, fleet);
        return this;
    }

    /** Every later request fails with this, until cleared with null. */
    public synchronized void failWith(EnrolmentException failure) {
        outage = failure;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public synchronized Enrolled enrol(Request request) throws EnrolmentException {
        requests.add(request);
        if (outage != null) {
            throw outage;
        }
        String fleet = tokens.get(request.token());
        if (fleet == null) {
            throw refused("The enrolment token is not known to this vault.");
        }
        String enrolledKey = keys.get(request.applianceId());
        String user = usedBy.get(request.token());
        if (user != null && !(user.equals(request.applianceId())
                && request.publicKey().equals(enrolledKey))) {
            throw refused("The enrolment token has already been used.");
        }
        if (enrolledKey != null && !enrolledKey.equals(request.publicKey())) {
            throw refused("Appliance " + request.applianceId() + " is already enrolled with"
                    + " another key.");
        }
        keys.put(request.applianceId(), request.publicKey());
        usedBy.put(request.token(), request.applianceId());
        return new Enrolled(request.applianceId(), fleet, ingestPublicKey, ingestFingerprint);
    }

    private static EnrolmentException refused(String detail) {
        return new EnrolmentException(EnrolmentException.Kind.REFUSED, detail);
    }
}
