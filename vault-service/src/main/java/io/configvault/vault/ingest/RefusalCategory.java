package io.configvault.vault.ingest;

import io.configvault.shared.crypto.OpenPgpException;

/**
 * Why an event can never be stored, as a small fixed set: the {@code category} tag of the
 * quarantine metric and the {@code cv-quarantine-category} header of the quarantine record. The
 * free-text reason beside it says exactly what failed; this only sorts it for alerting.
 */
public enum RefusalCategory {
    /** Not signed by the enrolled key of the appliance the event names, or the signature fails. */
    SIGNATURE("signature"),
    /** Signed by the right key, but the signed content names another appliance, id or fleet. */
    IDENTITY("identity"),
    /** The event names an appliance that is not enrolled. */
    UNKNOWN_APPLIANCE("unknown-appliance"),
    /** Not a valid event, segment sequence, OpenPGP message or bundle. */
    MALFORMED("malformed"),
    /** Over a configured or built-in limit: size, segments, open snapshots, recipients. */
    LIMITS("limits"),
    /** Content that does not match its digest, or differs from what is already stored. */
    INTEGRITY("integrity"),
    /** A snapshot whose segments stopped arriving within the reassembly timeout. */
    TIMEOUT("timeout");

    private final String tag;

    RefusalCategory(String tag) {
        this.tag = tag;
    }

    /** The metric tag and header value, lower-case kebab. */
    public String tag() {
        return tag;
    }

    /** Sorts a refusal of the OpenPGP layer. */
    static RefusalCategory of(OpenPgpException.Reason reason) {
        return switch (reason) {
            case UNSIGNED, WRONG_SIGNER, BAD_SIGNATURE, UNUSABLE_KEY -> SIGNATURE;
            case INTEGRITY_CHECK_FAILED -> INTEGRITY;
            case TOO_LARGE, TOO_MANY_RECIPIENTS -> LIMITS;
            case MALFORMED, NO_INTEGRITY_PROTECTION, WEAK_OR_UNKNOWN_ALGORITHM,
                 NO_MATCHING_DECRYPTION_KEY, COMPRESSED_NOT_ALLOWED, SYMMETRIC_PASSWORD_PACKET,
                 WRONG_PASSPHRASE, UNPROTECTED_KEY -> MALFORMED;
        };
    }
}
